using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Accounts;

/// <summary>Usage in, health out, health/usage events to playbooks, and account changes kept with who made them.</summary>
public abstract class HealthAndHistoryTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);

    private static object Day(string date, int active, long api = 0) =>
        new { date, activeUsers = active, materialInput = 10, contentOutput = 5, featuresUsed = new[] { "editor", "reports" }, apiCalls = api };

    [Fact]
    public async Task Usage_GoodAndBadRows_KeepsGoodReportsBad_AndExplainsHealth()
    {
        var account = await NewAccount(seats: 10);
        var report = await (await _integration.PostJson($"/api/accounts/{account}/usage", new object[]
        {
            Day("2026-03-02", 8, api: 5), Day("2026-03-03", 8, api: 5), new { date = "March 4th", activeUsers = -1 },
        })).Expect(200);
        Assert.Equal(2, (int)report["accepted"]!);
        var rejected = report["rejected"]!.AsArray().Single()!;
        Assert.Equal(2, (int)rejected["row"]!);
        Assert.NotNull(rejected["errors"]!["date"]);
        Assert.NotNull(rejected["errors"]!["activeUsers"]);

        var health = await _ops.GetJson($"/api/accounts/{account}/health");
        var indicators = health["current"]!["indicators"]!.AsArray().ToDictionary(i => (string)i!["name"]!);
        Assert.Equal(5, indicators.Count);
        Assert.Equal(80, (int)indicators["activity"]!["score"]!);
        Assert.Equal(30, (int)indicators["activity"]!["weight"]!);
        Assert.Equal(100, (int)indicators["apiUsage"]!["score"]!);
        Assert.Equal(20, (int)indicators["coverage"]!["score"]!);
        var expected = (int)Math.Round((30 * 80 + 20 * 100 + 20 * 100 + 15 * 20 + 15 * 100) / 100.0, MidpointRounding.AwayFromZero);
        Assert.Equal(expected, (int)health["current"]!["score"]!);
        Assert.Equal("green", (string)health["current"]!["band"]!);
        Assert.Equal("weekly", (string)health["grain"]!);
        Assert.Single(health["history"]!.AsArray());

        var month = (await _ops.GetJson($"/api/accounts/{account}"))["usage"]!["months"]!["2026-03"]!;
        Assert.Equal(8, (double)month["activeUsers"]!);
        Assert.Equal(10, (long)month["apiCalls"]!);
        Assert.Equal(["editor", "reports"], month["features"]!.AsArray().Select(f => (string)f!));
    }

    [Fact]
    public async Task Usage_AllRowsBad_Returns400AndStoresNothing()
    {
        var account = await NewAccount(seats: 10);
        await (await _integration.PostJson($"/api/accounts/{account}/usage", new { date = "soon" })).Expect(400);
        var health = await _ops.GetJson($"/api/accounts/{account}/health");
        Assert.Empty(health["history"]!.AsArray());
    }

    [Fact]
    public async Task UsageDrop_RaisesEvent_ThatStartsAnAtRiskPlaybook_WhichSetsStageWithHistory()
    {
        var playbook = new JsonObject
        {
            ["id"] = Samples.NewId("usage-drop"),
            ["trigger"] = new JsonObject { ["type"] = "event", ["event"] = "usage.dropped" },
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "mark-at-risk", ["type"] = "setStage", ["stage"] = "at-risk", ["reason"] = "active users fell" },
                new JsonObject { ["id"] = "note", ["type"] = "setField", ["field"] = "risk.lastDrop", ["value"] = "{{ event.data.activeUsers }}" }),
            ["connections"] = new JsonArray(new JsonObject { ["from"] = "mark-at-risk", ["to"] = "note" }),
        };
        await Samples.Publish(_ops, playbook);
        var account = await NewAccount(seats: 10);
        await (await _integration.PostJson($"/api/accounts/{account}/usage", new[] { Day("2026-03-02", 10), Day("2026-03-03", 10) })).Expect(200);
        await (await _integration.PostJson($"/api/accounts/{account}/usage", new[] { Day("2026-03-09", 6), Day("2026-03-10", 6) })).Expect(200);

        var events = (await _ops.GetJson($"/api/events?accountId={account}")).AsArray();
        Assert.Contains(events, e => (string)e!["name"]! == "usage.dropped" && (double)e["data"]!["activeUsers"]! == 6);
        var stored = await _ops.GetJson($"/api/accounts/{account}");
        Assert.Equal("at-risk", (string)stored["stage"]!);
        Assert.Equal(6, (int)stored["risk"]!["lastDrop"]!);

        var timeline = (await _ops.GetJson($"/api/accounts/{account}/timeline")).AsArray();
        var change = timeline.First(t => (string)t!["type"]! == "change" && ((string)t["summary"]!).StartsWith("stage:"))!;
        Assert.Equal("stage: \"onboarding\" → \"at-risk\"", (string)change["summary"]!);
        Assert.Contains($"playbook {playbook["id"]} v1, step mark-at-risk", (string)change["source"]!);
        Assert.Equal("active users fell", (string)change["detail"]!);
        Assert.Contains(timeline, t => (string)t!["type"]! == "change" && ((string)t["source"]!).StartsWith("api: test integration"));
    }

    [Fact]
    public async Task BandChange_RaisesHealthChangedOnce()
    {
        var account = await NewAccount(seats: 10);
        await (await _integration.PostJson($"/api/accounts/{account}/usage", new[] { Day("2026-03-02", 10, api: 1) })).Expect(200);
        await (await _integration.PostJson($"/api/accounts/{account}/usage", new[] { Day("2026-03-02", 10, api: 1) })).Expect(200);
        await (await _integration.PostJson($"/api/accounts/{account}/usage", new[] { Day("2026-03-09", 1) })).Expect(200);

        var changes = (await _ops.GetJson($"/api/events?accountId={account}")).AsArray().Where(e => (string)e!["name"]! == "health.changed").ToList();
        Assert.Equal(2, changes.Count);
        Assert.Equal("red", (string)changes[0]!["data"]!["to"]!);
        Assert.Equal("green", (string)changes[0]!["data"]!["from"]!);
    }

    private async Task<string> NewAccount(int seats)
    {
        var id = Samples.NewId("acct");
        var account = Samples.Account(id);
        account["seats"] = seats;
        await Samples.CreateAccount(_integration, account);
        return id;
    }
}

public sealed class HealthAndHistoryTests_Sqlite(SqliteHost f) : HealthAndHistoryTests(f), IClassFixture<SqliteHost>;
public sealed class HealthAndHistoryTests_Postgres(PostgresHost f) : HealthAndHistoryTests(f), IClassFixture<PostgresHost>;
