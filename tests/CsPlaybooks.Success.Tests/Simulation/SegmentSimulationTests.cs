using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Simulation;
using static CsPlaybooks.Success.Tests.Simulation.SimulationSupport;

namespace CsPlaybooks.Success.Tests.Simulation;

/// <summary>segment in simulation: the sweep after a change that makes the condition true enrols; staying inside does not enrol again.</summary>
public class SegmentSimulationTests
{
    private const string AtRisk = """{ "type": "segment", "when": "account.stage == \"at-risk\" or health.band == \"red\"" }""";

    [Fact]
    public void Run_ScriptedStageChange_EnrolsAtTheNextSweep()
    {
        var change = new ScriptedChange(Utc(2026, 3, 10, 12), new() { ["stage"] = "at-risk" });

        var result = Run(Playbook(AtRisk), Account(stage: "growth"), Utc(2026, 1, 1), Utc(2026, 12, 31), changes: [change]);

        var enrolment = Assert.Single(result.Enrolments);
        Assert.Equal(Utc(2026, 3, 11, 6), enrolment.At);
        Assert.Equal("segment:20260311", enrolment.Occurrence);
    }

    [Fact]
    public void Run_LeavesAndEntersAgain_EnrolsOnEachEntry()
    {
        JsonObject Band(string band) => new() { ["health"] = new JsonObject { ["band"] = band, ["score"] = band == "red" ? 40 : 80 } };
        ScriptedChange[] changes =
        [
            new(Utc(2026, 2, 2, 9), Band("red")),
            new(Utc(2026, 3, 2, 9), Band("green")),
            new(Utc(2026, 5, 4, 9), Band("red")),
        ];

        var result = Run(Playbook(AtRisk), Account(stage: "growth"), Utc(2026, 1, 1), Utc(2026, 12, 31), changes: changes);

        Assert.Equal([Utc(2026, 2, 3, 6), Utc(2026, 5, 5, 6)], result.Enrolments.Select(e => e.At));
    }

    [Fact]
    public void Run_InsideFromTheStart_EnrolsOnceAtTheFirstSweep()
    {
        var result = Run(Playbook(AtRisk), Account(stage: "at-risk"), Utc(2026, 1, 1, 9), Utc(2026, 12, 31));

        Assert.Equal([Utc(2026, 1, 2, 6)], result.Enrolments.Select(e => e.At));
    }
}
