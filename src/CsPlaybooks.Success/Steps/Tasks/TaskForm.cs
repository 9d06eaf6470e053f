using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Success.Steps.Tasks;

/// <summary>
/// The result a createTask step asks for: fields with a type (<c>choice</c> with options — <c>multiple</c> for a list —,
/// <c>text</c>, <c>number</c>, <c>date</c>, <c>boolean</c>), a label and a required flag. Checked at publish (<see cref="Read"/>);
/// a completion's result is checked against it (<see cref="Check"/>), and playbooks read the values as
/// <c>event.data.result.NAME</c>.
/// </summary>
public static partial class TaskForm
{
    public static readonly string[] Types = ["choice", "text", "number", "date", "boolean"];

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{0,49}$")]
    private static partial Regex Name();

    /// <summary>The JSON schema of the <c>form</c> setting (the designer builds its field editor from it).</summary>
    public static JsonObject Schema => new()
    {
        ["type"] = "array",
        ["description"] = "The result the task asks for: one entry per field; the completion is checked against it and playbooks read event.data.result.NAME",
        ["items"] = SchemaBuilder.Object(new()
        {
            ["name"] = SchemaBuilder.String("The key in the result, e.g. cause (letters, digits, _)", 50),
            ["type"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray([.. Types.Select(t => (JsonNode)t)]), ["description"] = "choice, text, number, date or boolean" },
            ["label"] = SchemaBuilder.String("What the person is asked", 200),
            ["required"] = new JsonObject { ["type"] = "boolean", ["description"] = "The task cannot be completed without it (default false)" },
            ["options"] = SchemaBuilder.StringList("choice: the values to choose from"),
            ["multiple"] = new JsonObject { ["type"] = "boolean", ["description"] = "choice: several may be chosen (the value is a list)" },
        }, "name", "type"),
    };

    /// <summary>Reads and checks the <c>form</c> setting; null when the step declares none.</summary>
    public static JsonArray? Read(SettingsReader reader, string setting = "form")
    {
        if (reader.Raw(setting) is not { } raw) return null;
        if (raw is not JsonArray fields)
        {
            reader.Error(setting, $"'{setting}' must be a list of fields such as {{ \"name\": \"cause\", \"type\": \"choice\", \"options\": [\"…\"] }}");
            return null;
        }
        var names = new HashSet<string>(StringComparer.Ordinal);
        var form = new JsonArray();
        for (var i = 0; i < fields.Count; i++)
        {
            var at = $"{setting}[{i}]";
            if (fields[i] is not JsonObject field)
            {
                reader.Error(at, $"'{at}' must be an object with name and type");
                continue;
            }
            var name = Text(field, "name");
            if (name is null || !Name().IsMatch(name)) reader.Error($"{at}.name", $"'{at}.name' must be letters, digits or _ (starting with a letter), e.g. \"cause\"");
            else if (!names.Add(name)) reader.Error($"{at}.name", $"'{at}.name' repeats the field \"{name}\"");
            var type = Text(field, "type");
            if (type is null || !Types.Contains(type)) reader.Error($"{at}.type", $"'{at}.type' must be one of {string.Join(", ", Types)}");
            var label = Text(field, "label");
            if (label is { Length: > 200 }) reader.Error($"{at}.label", $"'{at}.label' is longer than 200 characters");
            var required = Flag(reader, field, "required", at);
            var multiple = Flag(reader, field, "multiple", at);
            var options = field["options"] as JsonArray;
            if (type == "choice")
            {
                var values = options?.Select(o => o is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null).ToList();
                if (values is null || values.Count == 0 || values.Any(v => string.IsNullOrWhiteSpace(v)))
                    reader.Error($"{at}.options", $"'{at}.options' must list the values to choose from (non-empty strings)");
                else if (values.Distinct(StringComparer.Ordinal).Count() != values.Count)
                    reader.Error($"{at}.options", $"'{at}.options' lists a value twice");
            }
            else if (field["options"] is not null || multiple) reader.Error($"{at}.options", $"'{at}': options and multiple belong to a choice field only");
            var copy = new JsonObject { ["name"] = name, ["type"] = type, ["label"] = label ?? name, ["required"] = required };
            if (type == "choice")
            {
                copy["options"] = options?.DeepClone();
                if (multiple) copy["multiple"] = true;
            }
            form.Add(copy);
        }
        return form;
    }

    /// <summary>Problems of a completion's result against the form, each under <c>result.NAME</c>; empty when it fits.</summary>
    public static List<(string Field, string Message)> Check(JsonArray form, JsonObject? result)
    {
        var errors = new List<(string, string)>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var field in form.OfType<JsonObject>())
        {
            var name = (string)field["name"]!;
            known.Add(name);
            var key = $"result.{name}";
            var label = (string?)field["label"] ?? name;
            var value = result?[name];
            if (value is null || value is JsonValue s && s.GetValueKind() == JsonValueKind.String && string.IsNullOrWhiteSpace(s.GetValue<string>())
                || value is JsonArray { Count: 0 })
            {
                if ((bool?)field["required"] == true) errors.Add((key, $"'{label}' is required"));
                continue;
            }
            if (Problem(field, value) is { } problem) errors.Add((key, $"'{label}': {problem}"));
        }
        foreach (var (name, _) in result ?? [])
            if (!known.Contains(name)) errors.Add(($"result.{name}", $"this task's form has no field '{name}' (fields: {string.Join(", ", known)})"));
        return errors;
    }

    private static string? Problem(JsonObject field, JsonNode value)
    {
        string? AsText(JsonNode n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
        switch ((string?)field["type"])
        {
            case "choice":
                var options = (field["options"] as JsonArray ?? []).Select(o => (string?)o).ToList();
                var chosen = (bool?)field["multiple"] == true
                    ? value is JsonArray list ? list.Select(i => i is null ? null : AsText(i)).ToList() : null
                    : [AsText(value)];
                if (chosen is null || chosen.Any(c => c is null)) return $"choose from {string.Join(", ", options)}";
                var bad = chosen.FirstOrDefault(c => !options.Contains(c));
                return bad is null ? null : $"\"{bad}\" is not one of {string.Join(", ", options)}";
            case "text":
                return AsText(value) is { } text ? (text.Length > FieldLimits.Note ? $"at most {FieldLimits.Note} characters" : null) : "must be text";
            case "number":
                return value is JsonValue n && n.GetValueKind() == JsonValueKind.Number ? null : "must be a number";
            case "date":
                return AsText(value) is { } d && DateOnly.TryParseExact(d, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _) ? null : "must be a date yyyy-MM-dd";
            case "boolean":
                return value is JsonValue b && b.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "must be true or false";
            default:
                return null;
        }
    }

    private static string? Text(JsonObject o, string key) => o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Flag(SettingsReader reader, JsonObject o, string key, string at)
    {
        if (o[key] is null) return false;
        if (o[key] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        reader.Error($"{at}.{key}", $"'{at}.{key}' must be true or false");
        return false;
    }
}
