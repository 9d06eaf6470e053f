using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using static CsPlaybooks.Success.Tests.Simulation.SimulationSupport;

namespace CsPlaybooks.Success.Tests.Simulation;

/// <summary>Re-entry rules and the holdout apply to every simulated enrolment as they do in production.</summary>
public class EnrolmentRulesSimulationTests
{
    private const string Monthly = """{ "type": "schedule", "cron": "0 0 9 1 * ?", "timeZone": "UTC" }""";

    [Fact]
    public void Run_AfterExitWhileStillRunning_SkipsTheTickAndSaysWhy()
    {
        // Each enrolment stays 45 days: February's tick finds January's still running.
        var result = Run(Playbook(Monthly, linger: "P45D"), Account(), Utc(2026, 1, 1), Utc(2026, 3, 31));

        Assert.Equal([Utc(2026, 1, 1, 9), Utc(2026, 3, 1, 9)], result.Enrolments.Select(e => e.At));
        var skipped = Assert.Single(Entries(result, SimulationKinds.Skipped));
        Assert.Equal(Utc(2026, 2, 1, 9), skipped.At);
        Assert.Contains("enrolment 1 is still running", skipped.Summary);
    }

    [Fact]
    public void Run_Always_RunsOverlappingEnrolments()
    {
        var result = Run(Playbook(Monthly, linger: "P45D", reentry: "always"), Account(), Utc(2026, 1, 1), Utc(2026, 4, 30));

        Assert.Equal(4, result.Enrolments.Count);
        Assert.Empty(Entries(result, SimulationKinds.Skipped));
    }

    [Fact]
    public void Run_Never_EnrolsOnlyOnceEvenAfterExit()
    {
        var result = Run(Playbook(Monthly, reentry: "never"), Account(), Utc(2026, 1, 1), Utc(2026, 4, 30));

        var only = Assert.Single(result.Enrolments);
        Assert.Equal(InstanceStatus.Completed, only.Status);
        Assert.Equal(3, Entries(result, SimulationKinds.Skipped).Count);
    }

    [Fact]
    public void Run_HeldOutAccount_EnrolsButSendsNothing()
    {
        var result = Run(Playbook(Monthly, holdoutPercent: 100), Account(), Utc(2026, 1, 1), Utc(2026, 2, 28));

        Assert.All(result.Enrolments, e => Assert.True(e.Holdout));
        Assert.Equal(2, result.Enrolments.Count);
        Assert.Empty(result.Captured);
        Assert.All(Entries(result, SimulationKinds.Enrolled), e => Assert.Contains("holdout", e.Summary));
    }
}
