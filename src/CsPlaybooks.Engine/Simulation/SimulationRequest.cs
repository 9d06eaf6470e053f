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

    /// <summary>The production sweep's cron (UTC), on which contractDate and segment triggers are evaluated. Default daily at 06:00 UTC.</summary>
    public string SweepCron { get; init; } = DefaultSweepCron;

    public const string DefaultSweepCron = "0 0 6 * * ?";
}
