using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>Simulation through the API: the real interpreter on a virtual clock, nothing stored.</summary>
public sealed class SimulationApiTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    private readonly HttpClient _ops = fixture.Host.Client();

    [Fact]
    public async Task Simulate_ScriptedEvent_TimelineShowsDatesAndPath_AndStoresNothing()
    {
        var id = Samples.NewId("sim");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id, wait: "P1M", timeout: "P7D"))).Expect(201);
        var account = Samples.Account("sim-account", timeZone: "Europe/Berlin");

        var result = await (await _ops.PostJson($"/api/playbooks/{id}/simulate", new
        {
            account,
            start = "2026-01-31T09:00:00+01:00",
            until = "2026-12-31",
            events = new[] { new { at = "2026-03-02T10:00:00Z", name = "account.opened", data = new { by = "it" } } },
        })).Expect(200);

        Assert.Equal("completed", (string)result["status"]!);
        var timeline = result["timeline"]!.AsArray();
        var fired = timeline.First(t => (string?)t!["stepId"] == "settle" && (string)t["type"]! == "step.resumed")!;
        Assert.Equal(new DateTimeOffset(2026, 2, 28, 9, 0, 0, TimeSpan.FromHours(1)), DateTimeOffset.Parse((string)fired["at"]!));
        var received = timeline.First(t => (string)t!["type"]! == "step.completed" && (string?)t["stepId"] == "wait-opened")!;
        Assert.Equal("received", (string)received["detail"]!["outcome"]!);
        Assert.Equal(0, (int)(await _ops.GetJson($"/api/instances?playbookId={id}"))["total"]!);
    }

    [Fact]
    public async Task Simulate_Year_EndsOnTimeoutAtCalendarDate()
    {
        var id = Samples.NewId("sim");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id, wait: "P1D", timeout: "P7D"))).Expect(201);
        var result = await (await _ops.PostJson($"/api/playbooks/{id}/simulate", new { start = "2026-01-01T00:00:00Z", until = "2027-01-01T00:00:00Z" })).Expect(200);
        var timeline = result["timeline"]!.AsArray();
        Assert.Equal("completed", (string)result["status"]!);
        Assert.Contains(timeline, t => (string)t!["summary"]! == "not opened in time");
        var end = timeline.Last()!;
        Assert.Equal(new DateTimeOffset(2026, 1, 9, 0, 0, 0, TimeSpan.Zero), DateTimeOffset.Parse((string)end["at"]!));
    }

    [Fact]
    public async Task Simulate_InlineInvalidDefinition_Returns400NamingStep()
    {
        var definition = Samples.Onboarding("inline");
        definition["steps"]![0]!["duration"] = "soon";
        var problem = await (await _ops.PostJson("/api/playbooks/inline/simulate", new { definition })).Expect(400);
        Assert.Equal("settle", (string)problem["problems"]![0]!["stepId"]!);
    }

    [Fact]
    public async Task Simulate_BadDates_Returns400NamingFields()
    {
        var id = Samples.NewId("sim");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id))).Expect(201);
        var problem = await (await _ops.PostJson($"/api/playbooks/{id}/simulate", new { start = "yesterday", events = new[] { new { name = "" } } })).Expect(400);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("start"));
        Assert.True(errors.ContainsKey("events[0].name"));
    }
}
