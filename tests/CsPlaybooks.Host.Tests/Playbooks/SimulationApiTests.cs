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

    private static DateTimeOffset At(JsonNode? node) => DateTimeOffset.Parse((string)node!);

    private static List<JsonNode> Enrolments(JsonNode result) => result["enrolments"]!.AsArray().Select(e => e!).ToList();

    [Fact]
    public async Task Simulate_ContractDateOneThirdLeft_EnrolsFourMonthsBeforeTheEnd_NotAtTheStart()
    {
        var id = Samples.NewId("sim-contract");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id, trigger: new JsonObject { ["type"] = "contractDate", ["fraction"] = 0.6667 }))).Expect(201);

        var result = await (await _ops.PostJson($"/api/playbooks/{id}/simulate", new
        {
            account = Samples.Account("sim-contract-account", timeZone: "Europe/Berlin"), start = "2026-01-01T00:00:00Z", until = "2027-01-01T00:00:00Z",
        })).Expect(200);

        Assert.Equal("contractDate", (string)result["trigger"]!);
        var enrolment = Assert.Single(Enrolments(result));
        Assert.Equal(new DateTimeOffset(2026, 9, 1, 6, 0, 0, TimeSpan.Zero), At(enrolment["at"]));
        Assert.Equal("contract:2026-01-01:2027-01-01", (string)enrolment["occurrence"]!);
        var timeline = result["timeline"]!.AsArray();
        var enrolled = timeline.Single(t => (string)t!["type"]! == "trigger.enrolled")!;
        Assert.Equal(1, (int)enrolled["enrolment"]!);
        var started = timeline.Single(t => (string)t!["type"]! == "instance.started")!;
        Assert.Equal(At(enrolled["at"]), At(started["at"]));
    }

    [Fact]
    public async Task Simulate_MonthlySchedule_ThreeEnrolmentsInThreeMonths()
    {
        var id = Samples.NewId("sim-monthly");
        var trigger = new JsonObject { ["type"] = "schedule", ["cron"] = "0 0 8 1 * ?", ["timeZone"] = "UTC" };
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id, trigger: trigger))).Expect(201);

        var result = await (await _ops.PostJson($"/api/playbooks/{id}/simulate", new { start = "2026-01-01T00:00:00Z", until = "2026-03-31T00:00:00Z" })).Expect(200);

        Assert.Equal(["2026-01-01", "2026-02-01", "2026-03-01"], Enrolments(result).Select(e => At(e["at"]).ToString("yyyy-MM-dd")));
        var starts = result["timeline"]!.AsArray().Where(t => (string)t!["type"]! == "instance.started").Select(t => (int)t!["enrolment"]!);
        Assert.Equal([1, 2, 3], starts);
    }

    [Fact]
    public async Task Simulate_SegmentWithScriptedStageChange_EnrolsAtTheNextSweep_ElseNotEnrolled()
    {
        var id = Samples.NewId("sim-segment");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id, trigger: new JsonObject { ["type"] = "segment", ["when"] = "account.stage == \"at-risk\"" }))).Expect(201);
        var account = Samples.Account("sim-segment-account");

        var changed = await (await _ops.PostJson($"/api/playbooks/{id}/simulate", new
        {
            account, start = "2026-01-01T00:00:00Z", until = "2026-06-30T00:00:00Z",
            changes = new[] { new { at = "2026-02-10T15:00:00Z", change = new { stage = "at-risk" } } },
        })).Expect(200);
        var unchanged = await (await _ops.PostJson($"/api/playbooks/{id}/simulate", new { account, start = "2026-01-01T00:00:00Z", until = "2026-06-30T00:00:00Z" })).Expect(200);

        Assert.Equal(new DateTimeOffset(2026, 2, 11, 6, 0, 0, TimeSpan.Zero), At(Assert.Single(Enrolments(changed))["at"]));
        Assert.Contains(changed["timeline"]!.AsArray(), t => (string)t!["type"]! == "account.changed" && ((string)t["summary"]!).Contains("at-risk"));
        Assert.Empty(Enrolments(unchanged));
        Assert.Equal("notEnrolled", (string)unchanged["status"]!);
        Assert.Empty(unchanged["timeline"]!.AsArray());
    }

    [Fact]
    public async Task Simulate_StoredAccountFromNow_UsesItsStoredContract()
    {
        var id = Samples.NewId("sim-stored");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id, trigger: new JsonObject { ["type"] = "contractDate", ["fraction"] = 0.6667 }))).Expect(201);
        var accountId = Samples.NewId("stored");
        var account = Samples.Account(accountId, timeZone: "UTC");
        var contractStart = DateOnly.FromDateTime(DateTime.UtcNow).AddMonths(-2);
        account["contract"] = new JsonObject { ["start"] = contractStart.ToString("yyyy-MM-dd"), ["end"] = contractStart.AddMonths(12).ToString("yyyy-MM-dd") };
        await Samples.CreateAccount(_ops, account);

        var result = await (await _ops.PostJson($"/api/playbooks/{id}/simulate", new { accountId })).Expect(200);

        var enrolment = Assert.Single(Enrolments(result));
        Assert.Equal(contractStart.AddMonths(8).ToString("yyyy-MM-dd"), At(enrolment["at"]).ToString("yyyy-MM-dd"));
        Assert.Equal(0, (int)(await _ops.GetJson($"/api/instances?playbookId={id}"))["total"]!);
    }

    [Fact]
    public async Task Simulate_ChangeWithoutFields_Returns400NamingIt()
    {
        var id = Samples.NewId("sim");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id))).Expect(201);
        var problem = await (await _ops.PostJson($"/api/playbooks/{id}/simulate", new { changes = new object[] { new { at = "soon" }, new { at = "2026-01-01", change = "at-risk" } } })).Expect(400);
        var errors = problem["errors"]!.AsObject();
        Assert.True(errors.ContainsKey("changes[0].at"), errors.ToJsonString());
        Assert.True(errors.ContainsKey("changes[0].change"), errors.ToJsonString());
        Assert.True(errors.ContainsKey("changes[1].change"), errors.ToJsonString());
    }
}
