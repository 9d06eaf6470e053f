using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Simulation;

public class PlaybookSimulatorTests
{
    private static readonly PlaybookSimulator Simulator = new(Interpreter);

    /// <summary>Monthly check-ins for a year: wait a month for an event that never comes, count, repeat 12 times.</summary>
    private static CompiledPlaybook MonthlyForAYear() => Compile(Playbook(
        """
        { "id": "pause", "type": "waitForEvent", "event": "never.happens", "timeout": "P1M" },
        { "id": "count", "type": "setVariable", "variable": "months", "value": "{{ variables.months | plus: 1 }}" },
        { "id": "more", "type": "branch", "condition": "variables.months < 12" },
        { "id": "stop", "type": "end", "reason": "a year has passed" }
        """,
        """
        { "from": "pause", "outcome": "timeout", "to": "count" },
        { "from": "count", "to": "more" },
        { "from": "more", "outcome": "true", "to": "pause" },
        { "from": "more", "outcome": "false", "to": "stop" }
        """,
        """ "variables": { "months": 0 } """));

    private static CompiledPlaybook WaitForOpened() => Compile(Playbook(
        """
        { "id": "listen", "type": "waitForEvent", "event": "account.opened", "timeout": "P7D" },
        { "id": "welcome", "type": "startPlaybook", "playbook": "welcome-series" },
        { "id": "escalate", "type": "end", "reason": "not opened" }
        """,
        """
        { "from": "listen", "outcome": "received", "to": "welcome" },
        { "from": "listen", "outcome": "timeout", "to": "escalate" }
        """));

    private static SimulationResult Run(CompiledPlaybook playbook, DateTimeOffset start, DateTimeOffset until, string zone = "UTC", params ScriptedEvent[] events) =>
        Simulator.Run(new SimulationRequest(playbook, Context(start, zone), start, until, events));

    private static IReadOnlyList<DateTimeOffset> ResumedAt(SimulationResult result, string stepId) =>
        result.Timeline.Where(e => e.Type == JournalKinds.StepResumed && e.StepId == stepId).Select(e => e.At).ToList();

    [Fact]
    public void Run_MonthlyLoopForAYear_FiresOnTheSameLocalTimeEachMonth()
    {
        // 09:00 in Berlin on the 15th: 08:00 UTC in winter, 07:00 UTC in summer time.
        var result = Run(MonthlyForAYear(), Utc(2026, 1, 15, 8), Utc(2027, 12, 31), "Europe/Berlin");

        Assert.Equal(InstanceStatus.Completed, result.Status);
        Assert.Equal(
            [
                Utc(2026, 2, 15, 8), Utc(2026, 3, 15, 8), Utc(2026, 4, 15, 7), Utc(2026, 5, 15, 7),
                Utc(2026, 6, 15, 7), Utc(2026, 7, 15, 7), Utc(2026, 8, 15, 7), Utc(2026, 9, 15, 7),
                Utc(2026, 10, 15, 7), Utc(2026, 11, 15, 8), Utc(2026, 12, 15, 8), Utc(2027, 1, 15, 8),
            ],
            ResumedAt(result, "pause"));
        var completed = Assert.Single(result.Timeline, e => e.Type == JournalKinds.Completed);
        Assert.Equal(("stop", Utc(2027, 1, 15, 8)), (completed.StepId, completed.At));
        Assert.Empty(result.WaitingAt);
    }

    [Fact]
    public void Run_UntilBeforeTheEnd_StopsWaitingAtTheStep()
    {
        var result = Run(MonthlyForAYear(), Utc(2026, 1, 15, 8), Utc(2026, 6, 30), "Europe/Berlin");

        Assert.Equal(InstanceStatus.Running, result.Status);
        Assert.Equal(["pause"], result.WaitingAt);
        Assert.Equal(5, ResumedAt(result, "pause").Count);
        Assert.Equal(Utc(2026, 6, 15, 7), ResumedAt(result, "pause")[^1]);
    }

    [Fact]
    public void Run_ScriptedEvent_ResumesWaitForEventAtTheScriptedTime()
    {
        var start = Utc(2026, 1, 1, 9);
        var at = Utc(2026, 1, 4, 14, 30);

        var result = Run(WaitForOpened(), start, start.AddYears(1), events: new ScriptedEvent(at, "account.opened"));

        Assert.Equal([at], ResumedAt(result, "listen"));
        Assert.Equal(InstanceStatus.Completed, result.Status);
        var captured = Assert.Single(result.Captured);
        Assert.Equal(OutboxKinds.StartPlaybook, captured.Kind);
        var entry = Assert.Single(result.Timeline, e => e.Type == OutboxKinds.StartPlaybook);
        Assert.Equal(at, entry.At);
        Assert.Contains("captured, not sent", entry.Summary);
    }

    [Fact]
    public void Run_EventNobodyWaitsFor_IsRecordedAsIgnored()
    {
        var start = Utc(2026, 1, 1, 9);
        var at = Utc(2026, 1, 2);

        var result = Run(WaitForOpened(), start, start.AddYears(1), events: new ScriptedEvent(at, "usage.dropped"));

        var ignored = Assert.Single(result.Timeline, e => e.Type == "event.ignored");
        Assert.Equal(at, ignored.At);
        Assert.Contains("usage.dropped", ignored.Summary);
        Assert.Equal([Utc(2026, 1, 8, 9)], ResumedAt(result, "listen"));
        Assert.Contains(result.Timeline, e => e.Type == JournalKinds.Completed && e.StepId == "escalate");
    }

    [Fact]
    public void Run_EventAtTheSameInstantAsTheTimeout_TimerFiresFirst()
    {
        var start = Utc(2026, 1, 1, 9);
        var timeout = Utc(2026, 1, 8, 9);

        var result = Run(WaitForOpened(), start, start.AddYears(1), events: new ScriptedEvent(timeout, "account.opened"));

        Assert.Contains(result.Timeline, e => e.Type == JournalKinds.Completed && e.StepId == "escalate");
        Assert.Equal([timeout], ResumedAt(result, "listen"));
        Assert.DoesNotContain(result.Timeline, e => e.Type == JournalKinds.StepResumed && e.Summary.Contains("account.opened"));
        Assert.Empty(result.Captured);
    }

    [Fact]
    public void Run_EventAfterUntil_IsNotDelivered()
    {
        var start = Utc(2026, 1, 1, 9);

        var result = Run(WaitForOpened(), start, Utc(2026, 1, 3), events: new ScriptedEvent(Utc(2026, 1, 5), "account.opened"));

        Assert.Equal(InstanceStatus.Running, result.Status);
        Assert.Equal(["listen"], result.WaitingAt);
        Assert.Empty(ResumedAt(result, "listen"));
    }
}
