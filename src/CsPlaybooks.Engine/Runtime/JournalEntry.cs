using System.Text.Json.Nodes;

namespace CsPlaybooks.Engine.Runtime;

/// <summary>One line of an instance's history; the simulation timeline is made of these too.</summary>
public sealed record JournalEntry(DateTimeOffset At, string? StepId, string Kind, string Summary, JsonObject? Detail = null);

public static class JournalKinds
{
    public const string Started = "instance.started";
    public const string Completed = "instance.completed";
    public const string Cancelled = "instance.cancelled";
    public const string Faulted = "instance.faulted";
    public const string Migrated = "instance.migrated";
    public const string Retried = "instance.retried";
    public const string StepCompleted = "step.completed";
    public const string StepWaiting = "step.waiting";
    public const string StepResumed = "step.resumed";
    public const string PathEnded = "path.ended";
    public const string Message = "message";
}
