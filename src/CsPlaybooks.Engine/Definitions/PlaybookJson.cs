using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Engine.Definitions;

/// <summary>Reads and writes the playbook JSON format (docs/playbook-format.md). Reading never throws: it reports errors.</summary>
public static class PlaybookJson
{
    private static readonly HashSet<string> StepCommonFields = ["id", "type", "name", "position", "join"];
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public sealed record ReadResult(PlaybookDefinition? Definition, IReadOnlyList<DefinitionError> Errors);

    public static ReadResult Read(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException e)
        {
            return new(null, [new(null, null, $"malformed JSON at line {(e.LineNumber ?? 0) + 1}, position {(e.BytePositionInLine ?? 0) + 1}: {FirstSentence(e.Message)}")]);
        }
        return root is JsonObject obj ? Read(obj) : new(null, [new(null, null, "a playbook must be a JSON object")]);
    }

    public static ReadResult Read(JsonObject root)
    {
        var errors = new List<DefinitionError>();
        string? Text(JsonObject o, string name, string? stepId, bool required, int maxLength = int.MaxValue)
        {
            var node = o[name];
            if (node is null)
            {
                if (required) errors.Add(new(stepId, name, $"'{name}' is required"));
                return null;
            }
            if (node is JsonValue v && v.TryGetValue<string>(out var s))
            {
                if (JsonFields.TextProblem(name, s, maxLength) is not { } problem) return s;
                errors.Add(new(stepId, name, problem));
                return null;
            }
            errors.Add(new(stepId, name, $"'{name}' must be a string"));
            return null;
        }

        var id = Text(root, "id", null, true, FieldLimits.Id);
        var name = Text(root, "name", null, false, FieldLimits.PlaybookName) ?? id;
        var version = root["version"] is JsonValue vv && vv.TryGetValue<int>(out var n) ? n : 0;

        var steps = new List<StepDefinition>();
        if (root["steps"] is JsonArray stepArray)
        {
            for (var i = 0; i < stepArray.Count; i++)
            {
                if (stepArray[i] is not JsonObject s)
                {
                    errors.Add(new(null, $"steps[{i}]", "each step must be a JSON object"));
                    continue;
                }
                var stepErrors = errors.Count;
                var stepId = Text(s, "id", null, false, FieldLimits.StepId);
                if (errors.Count > stepErrors)
                {
                    errors[^1] = errors[^1] with { Field = $"steps[{i}].id" };
                    continue;
                }
                if (string.IsNullOrWhiteSpace(stepId))
                {
                    errors.Add(new(null, $"steps[{i}].id", $"step #{i + 1} has no id"));
                    continue;
                }
                var type = Text(s, "type", stepId, true) ?? "";
                var settings = new JsonObject();
                foreach (var (key, value) in s)
                    if (!StepCommonFields.Contains(key)) settings[key] = value?.DeepClone();
                var join = JoinMode.Any;
                if (Text(s, "join", stepId, false) is { } joinText && !Enum.TryParse(joinText, true, out join))
                    errors.Add(new(stepId, "join", $"'join' must be \"any\" or \"all\", not \"{joinText}\""));
                steps.Add(new StepDefinition(stepId, type, settings)
                {
                    Name = Text(s, "name", stepId, false),
                    Position = ReadPosition(s["position"]),
                    Join = join,
                });
            }
        }
        else if (root["steps"] is not null) errors.Add(new(null, "steps", "'steps' must be an array"));
        else errors.Add(new(null, "steps", "'steps' is required"));

        var connections = new List<ConnectionDefinition>();
        if (root["connections"] is JsonArray connArray)
        {
            for (var i = 0; i < connArray.Count; i++)
            {
                if (connArray[i] is not JsonObject c)
                {
                    errors.Add(new(null, $"connections[{i}]", "each connection must be a JSON object"));
                    continue;
                }
                var from = Text(c, "from", null, false);
                var to = Text(c, "to", null, false);
                if (from is null || to is null)
                {
                    errors.Add(new(from, $"connections[{i}]", "a connection needs 'from' and 'to'"));
                    continue;
                }
                connections.Add(new ConnectionDefinition(from, to, Text(c, "outcome", from, false)));
            }
        }
        else if (root["connections"] is not null) errors.Add(new(null, "connections", "'connections' must be an array"));

        TriggerDefinition? trigger = null;
        if (root["trigger"] is JsonObject t)
        {
            var type = Text(t, "type", null, false);
            if (type is null) errors.Add(new(null, "trigger.type", "the trigger needs a 'type'"));
            else
            {
                var settings = new JsonObject();
                foreach (var (key, value) in t)
                    if (key != "type") settings[key] = value?.DeepClone();
                trigger = new TriggerDefinition(type, settings);
            }
        }
        else if (root["trigger"] is not null) errors.Add(new(null, "trigger", "'trigger' must be an object"));

        var enrolment = new EnrolmentRules();
        if (root["enrolment"] is JsonObject e)
        {
            if (Text(e, "reentry", null, false) is { } reentry)
            {
                if (Enum.TryParse<ReentryRule>(reentry, true, out var rule)) enrolment = enrolment with { Reentry = rule };
                else errors.Add(new(null, "enrolment.reentry", $"'reentry' must be \"never\", \"afterExit\" or \"always\", not \"{reentry}\""));
            }
            if (e["holdoutPercent"] is { } h)
            {
                if (h is JsonValue hv && hv.TryGetValue<int>(out var pct) && pct is >= 0 and <= 100) enrolment = enrolment with { HoldoutPercent = pct };
                else errors.Add(new(null, "enrolment.holdoutPercent", "'holdoutPercent' must be a whole number from 0 to 100"));
            }
        }

        var variables = root["variables"] as JsonObject ?? [];
        if (root["variables"] is not null and not JsonObject) errors.Add(new(null, "variables", "'variables' must be an object"));

        if (id is null) return new(null, errors);
        var definition = new PlaybookDefinition
        {
            Id = id,
            Name = name ?? id,
            Version = version,
            Description = Text(root, "description", null, false, FieldLimits.PlaybookDescription),
            Start = Text(root, "start", null, false, FieldLimits.StepId),
            Trigger = trigger,
            Enrolment = enrolment,
            Steps = steps,
            Connections = connections,
            Variables = (JsonObject)variables.DeepClone(),
        };
        return new(definition, errors);
    }

    public static JsonObject ToJson(PlaybookDefinition d)
    {
        var root = new JsonObject
        {
            ["$schema"] = "/api/schema/playbook",
            ["id"] = d.Id,
            ["name"] = d.Name,
            ["version"] = d.Version,
        };
        if (d.Description is not null) root["description"] = d.Description;
        if (d.Start is not null) root["start"] = d.Start;
        if (d.Trigger is not null)
        {
            var t = new JsonObject { ["type"] = d.Trigger.Type };
            foreach (var (k, v) in d.Trigger.Settings) t[k] = v?.DeepClone();
            root["trigger"] = t;
        }
        root["enrolment"] = new JsonObject
        {
            ["reentry"] = JsonNamingPolicy.CamelCase.ConvertName(d.Enrolment.Reentry.ToString()),
            ["holdoutPercent"] = d.Enrolment.HoldoutPercent,
        };
        if (d.Variables.Count > 0) root["variables"] = d.Variables.DeepClone();
        var steps = new JsonArray();
        foreach (var s in d.Steps)
        {
            var o = new JsonObject { ["id"] = s.Id, ["type"] = s.Type };
            if (s.Name is not null) o["name"] = s.Name;
            if (s.Join != JoinMode.Any) o["join"] = "all";
            foreach (var (k, v) in s.Settings) o[k] = v?.DeepClone();
            if (s.Position is not null) o["position"] = new JsonObject { ["x"] = s.Position.X, ["y"] = s.Position.Y };
            steps.Add(o);
        }
        root["steps"] = steps;
        var connections = new JsonArray();
        foreach (var c in d.Connections)
        {
            var o = new JsonObject { ["from"] = c.From };
            if (!string.IsNullOrEmpty(c.Outcome)) o["outcome"] = c.Outcome;
            o["to"] = c.To;
            connections.Add(o);
        }
        root["connections"] = connections;
        return root;
    }

    public static string Write(PlaybookDefinition d) => ToJson(d).ToJsonString(Indented);

    /// <summary>The content that identifies a version: everything except the version number.</summary>
    public static string ContentOf(PlaybookDefinition d) => ToJson(d with { Version = 0 }).ToJsonString();

    private static Position? ReadPosition(JsonNode? node) =>
        node is JsonObject p && p["x"] is JsonValue x && p["y"] is JsonValue y
            && x.TryGetValue<double>(out var px) && y.TryGetValue<double>(out var py)
            ? new Position(px, py) : null;

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
