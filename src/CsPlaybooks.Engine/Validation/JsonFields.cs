using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;

namespace CsPlaybooks.Engine.Validation;

/// <summary>
/// Reads the fields of one JSON object (a request body or a part of one) with types and lengths checked. Reading never
/// throws: a number where a string belongs, an over-long id or a misshaped list becomes an error that names the field by
/// its path (<c>contacts[2].email</c>), and the reader returns null for it.
/// </summary>
public sealed class JsonFields(JsonObject json, List<DefinitionError> errors, string path = "")
{
    public JsonObject Json => json;
    public IReadOnlyList<DefinitionError> Errors => errors;
    public bool HasErrors => errors.Count > 0;

    public string PathOf(string name) => path.Length == 0 ? name : $"{path}.{name}";

    public void Error(string name, string message) => errors.Add(new DefinitionError(null, PathOf(name), message));

    public bool Has(string name) => json[name] is not null;

    /// <summary>Whether reading <paramref name="name"/> already reported a problem (so a later check need not add a second).</summary>
    public bool HasErrorAt(string name) => errors.Any(e => e.Field == PathOf(name));

    /// <summary>A string of at most <paramref name="maxLength"/> characters; <paramref name="required"/> also refuses blank text.</summary>
    public string? String(string name, int maxLength, bool required = false)
    {
        var node = json[name];
        if (node is null)
        {
            if (required) Error(name, $"'{PathOf(name)}' is required");
            return null;
        }
        if (node.GetValueKind() != JsonValueKind.String)
        {
            Error(name, $"'{PathOf(name)}' must be a string, not {Describe(node)}");
            return null;
        }
        var text = node.GetValue<string>();
        if (required && string.IsNullOrWhiteSpace(text))
        {
            Error(name, $"'{PathOf(name)}' is required");
            return null;
        }
        if (TextProblem(PathOf(name), text, maxLength) is { } problem)
        {
            Error(name, problem);
            return null;
        }
        return text;
    }

    public bool? Bool(string name)
    {
        var node = json[name];
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<bool>(out var b)) return b;
        Error(name, $"'{PathOf(name)}' must be true or false, not {Describe(node)}");
        return null;
    }

    public int? Int(string name, int min, int max)
    {
        var node = json[name];
        if (node is null) return null;
        if (node is JsonValue v && v.TryGetValue<int>(out var n) && n >= min && n <= max) return n;
        if (node is JsonValue d && d.GetValueKind() == JsonValueKind.Number && d.TryGetValue<double>(out var x) && x == Math.Floor(x) && x >= min && x <= max) return (int)x;
        Error(name, $"'{PathOf(name)}' must be a whole number from {min} to {max}, not {Describe(node)}");
        return null;
    }

    public double? Number(string name, double min = double.MinValue)
    {
        var node = json[name];
        if (node is null) return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<double>(out var n) && n >= min) return n;
        Error(name, min == double.MinValue ? $"'{PathOf(name)}' must be a number, not {Describe(node)}"
            : string.Create(CultureInfo.InvariantCulture, $"'{PathOf(name)}' must be a number ≥ {min}, not {Describe(node)}"));
        return null;
    }

    /// <summary>A JSON object whose text is at most <paramref name="maxBytes"/> bytes of UTF-8.</summary>
    public JsonObject? Object(string name, int maxBytes)
    {
        var node = json[name];
        if (node is null) return null;
        if (node is not JsonObject o)
        {
            Error(name, $"'{PathOf(name)}' must be an object, not {Describe(node)}");
            return null;
        }
        if (SizeProblem(PathOf(name), o, maxBytes) is { } problem)
        {
            Error(name, problem);
            return null;
        }
        return o;
    }

    /// <summary>A nested object read the same way, its errors prefixed with this field's path.</summary>
    public JsonFields? Nested(string name)
    {
        var node = json[name];
        if (node is null) return null;
        if (node is JsonObject o) return new JsonFields(o, errors, PathOf(name));
        Error(name, $"'{PathOf(name)}' must be an object, not {Describe(node)}");
        return null;
    }

    /// <summary>A list of objects, each read as <c>name[i]</c>; an element that is not an object is reported and skipped.</summary>
    public IReadOnlyList<JsonFields>? Objects(string name)
    {
        var node = json[name];
        if (node is null) return null;
        if (node is not JsonArray list)
        {
            Error(name, $"'{PathOf(name)}' must be a list, not {Describe(node)}");
            return null;
        }
        var items = new List<JsonFields>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is JsonObject o) items.Add(new JsonFields(o, errors, $"{PathOf(name)}[{i}]"));
            else errors.Add(new DefinitionError(null, $"{PathOf(name)}[{i}]", $"'{PathOf(name)}[{i}]' must be an object, not {Describe(list[i])}"));
        }
        return items;
    }

    /// <summary>A list of strings, each at most <paramref name="maxLength"/> characters.</summary>
    public IReadOnlyList<string>? Strings(string name, int maxLength)
    {
        var node = json[name];
        if (node is null) return null;
        if (node is not JsonArray list)
        {
            Error(name, $"'{PathOf(name)}' must be a list of strings, not {Describe(node)}");
            return null;
        }
        var values = new List<string>();
        var ok = true;
        for (var i = 0; i < list.Count; i++)
        {
            var item = $"{PathOf(name)}[{i}]";
            if (list[i] is not { } element || element.GetValueKind() != JsonValueKind.String)
            {
                errors.Add(new DefinitionError(null, item, $"'{item}' must be a string, not {Describe(list[i])}"));
                ok = false;
            }
            else if (TextProblem(item, element.GetValue<string>(), maxLength) is { } problem)
            {
                errors.Add(new DefinitionError(null, item, problem));
                ok = false;
            }
            else values.Add(element.GetValue<string>());
        }
        return ok ? values : null;
    }

    /// <summary>An ISO-8601 date or date-time, as UTC.</summary>
    public DateTimeOffset? Time(string name)
    {
        if (!Has(name)) return null;
        if (json[name]!.GetValueKind() == JsonValueKind.String
            && DateTimeOffset.TryParse(json[name]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t))
            return t.ToUniversalTime();
        Error(name, $"'{PathOf(name)}' must be an ISO-8601 date or date-time, e.g. \"2026-01-31\" or \"2026-01-31T09:00:00Z\", not {Describe(json[name])}");
        return null;
    }

    /// <summary>A calendar date written yyyy-MM-dd.</summary>
    public DateOnly? Date(string name, bool required = false)
    {
        if (!Has(name))
        {
            if (required) Error(name, $"'{PathOf(name)}' is required as yyyy-MM-dd");
            return null;
        }
        if (json[name]!.GetValueKind() == JsonValueKind.String
            && DateOnly.TryParseExact(json[name]!.GetValue<string>(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
            return d;
        Error(name, $"'{PathOf(name)}' must be a date yyyy-MM-dd, not {Describe(json[name])}");
        return null;
    }

    /// <summary>Why a text cannot be stored, or null: longer than the column, or holding a NUL (PostgreSQL refuses it).</summary>
    public static string? TextProblem(string field, string text, int maxLength) =>
        text.Length > maxLength ? string.Create(CultureInfo.InvariantCulture, $"'{field}' is {text.Length:N0} characters long; at most {maxLength:N0} are allowed")
        : text.Contains('\0') ? $"'{field}' contains a NUL character (\\u0000), which cannot be stored"
        : null;

    /// <summary>Why a JSON value is too large to store, or null.</summary>
    public static string? SizeProblem(string field, JsonNode node, int maxBytes)
    {
        var size = Encoding.UTF8.GetByteCount(node.ToJsonString());
        return size > maxBytes ? string.Create(CultureInfo.InvariantCulture, $"'{field}' is {size:N0} bytes as JSON; at most {maxBytes:N0} are allowed") : null;
    }

    /// <summary>How a value reads in an error message: the number 5, true, an object, a list, "text".</summary>
    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "an object",
        JsonArray => "a list",
        _ => node.GetValueKind() switch
        {
            JsonValueKind.Number => $"the number {node.ToJsonString()}",
            JsonValueKind.True or JsonValueKind.False => node.ToJsonString(),
            JsonValueKind.String => Quote(node.GetValue<string>()),
            _ => node.ToJsonString(),
        },
    };

    private static string Quote(string text) => text.Length > 60 ? $"\"{text[..60]}…\"" : $"\"{text}\"";
}
