using System.Text.Json.Nodes;

namespace CsPlaybooks.Engine.Steps;

/// <summary>Small helpers for writing step settings schemas.</summary>
public static class SchemaBuilder
{
    public static JsonObject Object(JsonObject properties, params string[] required)
    {
        var o = new JsonObject { ["type"] = "object", ["properties"] = properties };
        if (required.Length > 0) o["required"] = new JsonArray(required.Select(r => (JsonNode)r).ToArray());
        return o;
    }

    public static JsonObject String(string description) => new() { ["type"] = "string", ["description"] = description };

    /// <summary>A string stored in a length-limited column (<see cref="Validation.FieldLimits"/>).</summary>
    public static JsonObject String(string description, int maxLength) =>
        new() { ["type"] = "string", ["description"] = description, ["maxLength"] = maxLength };

    public static JsonObject Duration(string description) =>
        new() { ["type"] = "string", ["format"] = "duration", ["description"] = description, ["examples"] = new JsonArray("P7D", "P1M", "PT2H") };

    public static JsonObject StringList(string description) =>
        new() { ["type"] = "array", ["items"] = new JsonObject { ["type"] = "string" }, ["description"] = description };
}
