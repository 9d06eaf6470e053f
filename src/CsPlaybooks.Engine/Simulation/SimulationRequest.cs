using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Engine.Simulation;

public sealed record ScriptedEvent(DateTimeOffset At, string Name, JsonObject? Data = null);

/// <summary>A scripted change to the account at a time: merged into its document (JSON merge patch: null removes a field).</summary>
public sealed record ScriptedChange(DateTimeOffset At, JsonObject Change);

public sealed record SimulationRequest(
    CompiledPlaybook Playbook,
    InstanceContext Context,
    DateTimeOffset Start,
    DateTimeOffset Until,
    IReadOnlyList<ScriptedEvent> Events)
{
    /// <summary>
    /// The account document the triggers and conditions read; scripted changes and the playbook's own account changes
    /// apply to it. Default: built from <see cref="InstanceContext.Model"/> (its <c>account</c> with its <c>contract</c>).
    /// </summary>
    public JsonObject? Account { get; init; }

    public IReadOnlyList<ScriptedChange> Changes { get; init; } = [];

    /// <summary>Scripted usage facts; <see cref="World"/> records and scores them as production does.</summary>
    public IReadOnlyList<ScriptedUsage> Usage { get; init; } = [];

    /// <summary>The production sweep's cron (UTC), on which contractDate and segment triggers are evaluated. Default daily at 06:00 UTC.</summary>
    public string SweepCron { get; init; } = DefaultSweepCron;

    public const string DefaultSweepCron = "0 0 6 * * ?";

    /// <summary>
    /// Whole lifecycle: more playbooks running for the same account at the same time, beside <see cref="Playbook"/>.
    /// Each enrols by its own trigger; their account changes, events and <c>startPlaybook</c> reach one another.
    /// </summary>
    public IReadOnlyList<CompiledPlaybook> Together { get; init; } = [];

    /// <summary>
    /// Deliver captured messages through <see cref="World"/> as production's outbox does (email governance, tasks, CSM
    /// assignment) and start the playbooks of this run that a <c>startPlaybook</c> names. Off: messages are only captured.
    /// </summary>
    public bool Deliver { get; init; }

    /// <summary>This run's model of the outside world (needed for <see cref="Deliver"/> and <see cref="Usage"/>).</summary>
    public ISimulationWorld? World { get; init; }
}
