using System.Text.Json.Nodes;

namespace CsPlaybooks.Engine.Runtime;

/// <summary>
/// A side effect a step asks for (email, task, webhook, start another playbook). Committed with the burst,
/// delivered after it; <see cref="DedupKey"/> makes delivery idempotent.
/// </summary>
public sealed record OutboxMessage(string Kind, string DedupKey, string StepId, JsonObject Payload);

public static class OutboxKinds
{
    public const string StartPlaybook = "startPlaybook";
}
