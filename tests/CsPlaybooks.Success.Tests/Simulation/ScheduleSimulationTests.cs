using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using static CsPlaybooks.Success.Tests.Simulation.SimulationSupport;

namespace CsPlaybooks.Success.Tests.Simulation;

/// <summary>schedule in simulation: every cron tick (Quartz's arithmetic, in the trigger's zone) enrols an account meeting <c>when</c>.</summary>
public class ScheduleSimulationTests
{
    private const string Monthly = """{ "type": "schedule", "cron": "0 0 8 1 * ?", "timeZone": "Europe/Berlin", "when": "account.stage == \"growth\"" }""";

    [Fact]
    public void Run_MonthlyForThreeMonths_ThreeEnrolmentsAndThreeTasks()
    {
        var result = Run(Playbook(Monthly), Account(stage: "growth"), Utc(2026, 1, 1), Utc(2026, 3, 31));

        // 08:00 in Berlin on the 1st: 07:00 UTC in winter.
        Assert.Equal([Utc(2026, 1, 1, 7), Utc(2026, 2, 1, 7), Utc(2026, 3, 1, 7)], result.Enrolments.Select(e => e.At));
        Assert.Equal(3, result.Captured.Count(m => m.Kind == CsPlaybooks.Success.Steps.Tasks.TaskKinds.TaskMessage));
        Assert.Equal([1, 2, 3], Entries(result, SimulationKinds.Enrolled).Select(e => e.Enrolment!.Value));
        Assert.All(result.Enrolments, e => Assert.Equal(InstanceStatus.Completed, e.Status));
    }

    [Fact]
    public void Run_ConditionFalseUntilAScriptedChange_EnrolsFromTheNextTick()
    {
        var change = new ScriptedChange(Utc(2026, 2, 10, 12), new() { ["stage"] = "growth" });

        var result = Run(Playbook(Monthly), Account(stage: "onboarding"), Utc(2026, 1, 1), Utc(2026, 4, 30), changes: [change]);

        Assert.Equal([Utc(2026, 3, 1, 7), Utc(2026, 4, 1, 6)], result.Enrolments.Select(e => e.At));
    }
}
