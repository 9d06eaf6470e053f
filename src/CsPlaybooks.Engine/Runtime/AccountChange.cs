using System.Text.Json.Nodes;

namespace CsPlaybooks.Engine.Runtime;

/// <summary>
/// A change a step makes to its account (stage, a field, a recorded reason). Committed in the burst's transaction
/// and kept in the account's history with the playbook and step that made it.
/// </summary>
/// <param name="Field">Dot path into the account document, e.g. "stage" or "renewal.probability".</param>
public sealed record AccountChange(string StepId, string Field, JsonNode? OldValue, JsonNode? NewValue, string Reason)
{
    /// <summary>Sets the field in the account document (creating objects along the path); returns the value it replaced.</summary>
    public JsonNode? ApplyTo(JsonObject account)
    {
        var parts = Field.Split('.');
        var parent = account;
        foreach (var part in parts[..^1])
        {
            if (parent[part] is not JsonObject child) parent[part] = child = new JsonObject();
            parent = child;
        }
        var old = parent[parts[^1]]?.DeepClone();
        parent[parts[^1]] = NewValue?.DeepClone();
        return old;
    }
}
