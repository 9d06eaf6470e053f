using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Simulation;
using static CsPlaybooks.Success.Tests.Simulation.SimulationSupport;

namespace CsPlaybooks.Success.Tests.Simulation;

/// <summary>event in simulation: each scripted event with the trigger's name for which <c>when</c> holds enrols at the event's time.</summary>
public class EventSimulationTests
{
    private const string ProSigned = """{ "type": "event", "event": "account.signed", "when": "event.data.plan == \"pro\" and account.tier == \"KA\"" }""";

    [Fact]
    public void Run_EventsWithWhen_OnlyMatchingOnesEnrolAtTheirTime()
    {
        ScriptedEvent[] events =
        [
            new(Utc(2026, 1, 5, 10), "account.signed", new JsonObject { ["plan"] = "basic" }),
            new(Utc(2026, 2, 5, 10, 30), "account.signed", new JsonObject { ["plan"] = "pro" }),
            new(Utc(2026, 3, 5, 10), "account.opened", new JsonObject { ["plan"] = "pro" }),
        ];

        var result = Run(Playbook(ProSigned), Account(), Utc(2026, 1, 1), Utc(2026, 12, 31), events: events);

        var enrolment = Assert.Single(result.Enrolments);
        Assert.Equal(Utc(2026, 2, 5, 10, 30), enrolment.At);
        Assert.Equal("event account.signed", enrolment.Source);
        Assert.Equal([Utc(2026, 1, 5, 10), Utc(2026, 3, 5, 10)], Entries(result, SimulationKinds.EventIgnored).Select(e => e.At));
    }

    [Fact]
    public void Run_EventForAnotherTier_DoesNotEnrol()
    {
        var result = Run(Playbook(ProSigned), Account(tier: "micro"), Utc(2026, 1, 1), Utc(2026, 12, 31),
            events: [new(Utc(2026, 2, 5, 10), "account.signed", new JsonObject { ["plan"] = "pro" })]);

        Assert.Empty(result.Enrolments);
    }
}
