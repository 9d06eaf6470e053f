using System.Text.Json.Nodes;

namespace CsPlaybooks.Engine.Runtime;

/// <summary>
/// A change a step makes to its account (stage, a field, a recorded reason). Committed in the burst's transaction
/// and kept in the account's history with the playbook and step that made it.
/// </summary>
/// <param name="Field">Dot path into the account document, e.g. "stage" or "renewal.probability".</param>
public sealed record AccountChange(string StepId, string Field, JsonNode? OldValue, JsonNode? NewValue, string Reason);
