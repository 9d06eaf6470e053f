using CsPlaybooks.Engine.Simulation;
using static CsPlaybooks.Success.Tests.Simulation.SimulationSupport;

namespace CsPlaybooks.Success.Tests.Simulation;

/// <summary>contractDate in simulation: enrolled on the sweep that first sees the point's day in the account's zone, once per term.</summary>
public class ContractDateSimulationTests
{
    private const string OneThirdLeft = """{ "type": "contractDate", "fraction": 0.6667 }""";

    [Theory]
    [InlineData("2026-01-01", "2027-01-01", "2026-09-01")] // 12 months: 4 months before the end
    [InlineData("2026-01-01", "2028-01-01", "2027-05-01")] // 24 months: 8 months before the end
    [InlineData("2026-01-01", "2029-01-01", "2028-01-01")] // 36 months: 12 months before the end
    [InlineData("2026-01-31", "2027-01-31", "2026-09-30")] // ends on a month's last day
    public void Run_OneThirdOfTheTermLeft_EnrolsOnceOnThatDayInTheAccountsZone(string start, string end, string expected)
    {
        var account = Account("Europe/Berlin", start, end);

        var result = Run(Playbook(OneThirdLeft), account, Utc(2026, 1, 1), DateTimeOffset.Parse(end + "T23:00:00Z"));

        Assert.Equal([expected], EnrolmentDays(result, "Europe/Berlin"));
        var enrolled = Assert.Single(Entries(result, SimulationKinds.Enrolled));
        Assert.Contains($"contract:{start}:{end}", enrolled.Summary);
        // The sweep runs at 06:00 UTC: 08:00 in Berlin's summer, 07:00 in winter.
        Assert.Equal(6, result.Enrolments[0].At.UtcDateTime.Hour);
        Assert.Contains(result.Timeline, t => t.Type == "instance.started" && t.At == result.Enrolments[0].At);
    }

    [Fact]
    public void Run_AccountWestOfUtc_EnrolsOnThePointsDayInItsOwnZone()
    {
        // At 06:00 UTC on 1 September it is still 31 August in Los Angeles; the next sweep (2 Sep 06:00 UTC) is 1 Sep 23:00 there.
        var result = Run(Playbook(OneThirdLeft), Account("America/Los_Angeles"), Utc(2026, 1, 1), Utc(2027, 1, 1));

        Assert.Equal([Utc(2026, 9, 2, 6)], result.Enrolments.Select(e => e.At));
        Assert.Equal(["2026-09-01"], EnrolmentDays(result, "America/Los_Angeles"));
    }

    [Fact]
    public void Run_ScriptedRenewal_ReArmsTheTriggerForTheNewTerm()
    {
        var renewal = new ScriptedChange(Utc(2026, 11, 20, 10), new() { ["contract"] = new System.Text.Json.Nodes.JsonObject { ["start"] = "2027-01-01", ["end"] = "2028-01-01" } });

        var result = Run(Playbook(OneThirdLeft), Account(), Utc(2026, 1, 1), Utc(2028, 1, 1), changes: [renewal]);

        Assert.Equal(["2026-09-01", "2027-09-01"], EnrolmentDays(result, "Europe/Berlin"));
        Assert.Equal(["contract:2026-01-01:2027-01-01", "contract:2027-01-01:2028-01-01"], result.Enrolments.Select(e => e.Occurrence));
        Assert.Single(Entries(result, SimulationKinds.AccountChanged));
    }

    [Fact]
    public void Run_OffsetFromTheEnd_EnrolsOnTheCalendarDay()
    {
        var result = Run(Playbook("""{ "type": "contractDate", "from": "end", "offset": "-P3M" }"""), Account("Asia/Tokyo", "2026-01-31", "2026-11-30"), Utc(2026, 1, 1), Utc(2027, 1, 1));

        Assert.Equal(["2026-08-30"], EnrolmentDays(result, "Asia/Tokyo"));
    }

    [Fact]
    public void Run_ContractAlreadyEnded_NeverEnrols()
    {
        var result = Run(Playbook(OneThirdLeft), Account(contractStart: "2024-01-01", contractEnd: "2025-01-01"), Utc(2026, 1, 1), Utc(2027, 1, 1));

        Assert.Empty(result.Enrolments);
        Assert.Null(result.Status);
        Assert.Empty(result.Captured);
    }
}
