using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Triggers;

namespace CsPlaybooks.Engine.Simulation;

/// <summary>
/// Runs a playbook for one account on a virtual clock through the real interpreter. Outbound messages are captured
/// into the timeline instead of sent; nothing is stored. The playbook's trigger enrols the account when production
/// would: <c>contractDate</c> and <c>segment</c> on the trigger sweep's cron, <c>schedule</c> on every tick of its cron,
/// <c>event</c> on each matching scripted event; <c>manual</c> starts once at the start. Re-entry rules and the holdout
/// apply to every enrolment. At one instant, timers fire first, then scripted changes, scripted events, the sweep
/// and the schedule.
/// </summary>
/// <param name="cron">Cron arithmetic (the host's Quartz); needed only for schedule, contractDate and segment triggers.</param>
public sealed class PlaybookSimulator(PlaybookInterpreter interpreter, ICronSchedule? cron = null)
{
    public const int MaxBursts = 100_000;

    public SimulationResult Run(SimulationRequest request) => new SimulationRun(interpreter, cron, request).Run();
}
