using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;

namespace CsPlaybooks.Engine.Simulation;

public sealed record TimelineEntry(DateTimeOffset At, string? StepId, string Type, string Summary, JsonObject? Detail)
{
    /// <summary>Which enrolment (1, 2, …) of <see cref="Playbook"/> the entry belongs to; null for entries about the account or the trigger as a whole.</summary>
    public int? Enrolment { get; init; }

    /// <summary>The playbook the entry belongs to; null for entries about the account (a scripted change, usage, an ignored event).</summary>
    public string? Playbook { get; init; }
}

/// <summary>One instance the simulation started: when, why, and where it stands at the end.</summary>
public sealed record SimulatedEnrolment(int Number, DateTimeOffset At, string Source, string? Occurrence, bool Holdout)
{
    public InstanceStatus Status { get; init; }
    public IReadOnlyList<string> WaitingAt { get; init; } = [];
    public string Playbook { get; init; } = "";
    public int Version { get; init; }
}

/// <param name="Status">The last enrolment's status (of the request's first playbook); null when its trigger never enrolled the account.</param>
public sealed record SimulationResult(InstanceStatus? Status, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<OutboxMessage> Captured)
{
    /// <summary>Where the last enrolment is waiting when the simulation stops.</summary>
    public IReadOnlyList<string> WaitingAt { get; init; } = [];

    /// <summary>Every enrolment, of every playbook of the run, in the order they started.</summary>
    public IReadOnlyList<SimulatedEnrolment> Enrolments { get; init; } = [];

    /// <summary>The account document as it stands at the end (scripted changes and the playbooks' own changes applied).</summary>
    public JsonObject? Account { get; init; }
}

/// <summary>Timeline entry types the simulator adds to the interpreter's journal kinds.</summary>
public static class SimulationKinds
{
    public const string Enrolled = "trigger.enrolled";
    public const string Skipped = "trigger.skipped";
    public const string AccountChanged = "account.changed";
    public const string EventIgnored = "event.ignored";
    public const string EventRaised = "event.raised";
    public const string UsageRecorded = "usage.recorded";
    public const string NotSimulated = "startPlaybook.notSimulated";
}
