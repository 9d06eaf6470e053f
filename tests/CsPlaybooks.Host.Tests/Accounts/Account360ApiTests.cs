using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Accounts;

/// <summary>What the account page reads and writes: health per period, daily usage, and success criteria agreed by ops and CSMs.</summary>
public abstract class Account360ApiTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _csm = fixture.Host.Client(TestHost.CsmKey); // acts as CSM "csm-1"
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);

    private static object Day(string date, int active) =>
        new { date, activeUsers = active, materialInput = 10, contentOutput = 5, featuresUsed = new[] { "editor", "reports" }, apiCalls = 3 };

    private static object Criterion(string metric, double baseline, double? current, double target, string? id = null) =>
        new { id, metric, unit = "bookings/week", baseline, current, target, due = "2026-12-31", agreedBy = "Dana (decision-maker)", agreedAt = "2026-02-01" };

    private async Task<string> NewAccount(string? csmId = null)
    {
        var id = Samples.NewId("a360");
        var account = Samples.Account(id);
        account["seats"] = 10;
        if (csmId is not null) account["csmId"] = csmId;
        await Samples.CreateAccount(_integration, account);
        return id;
    }

    [Fact]
    public async Task PutSuccessCriteria_ByOps_StoresProgressWhoAndWhen_AndRecordsHistory()
    {
        var id = await NewAccount();
        var saved = await (await _ops.PutJson($"/api/accounts/{id}/success-criteria", new
        {
            criteria = new[] { Criterion("bookings per week", 100, 150, 200, "bookings"), Criterion("churned seats", 8, null, 4, "churn") },
        })).Expect(200);
        var criteria = saved["criteria"]!.AsArray();
        Assert.Equal(50, (double)criteria[0]!["progress"]!);
        Assert.Equal(0, (double)criteria[1]!["progress"]!); // no current value yet: nothing of the gap closed
        Assert.Equal("test ops", (string)criteria[0]!["changedBy"]!);
        Assert.Equal("Dana (decision-maker)", (string)criteria[0]!["agreedBy"]!);
        Assert.Equal("2026-02-01", (string)criteria[0]!["agreedAt"]!);

        var read = await _ops.GetJson($"/api/accounts/{id}/success-criteria");
        Assert.Equal(["bookings", "churn"], read["criteria"]!.AsArray().Select(c => (string)c!["id"]!));
        var document = await _ops.GetJson($"/api/accounts/{id}");
        Assert.Equal(150, (double)document["successCriteria"]![0]!["current"]!);

        // A later edit of one criterion keeps the other's stamp; a falling goal (churn 8 → 4) counts the gap closed downwards.
        var firstStamp = (string)criteria[0]!["changedAt"]!;
        var again = await (await _ops.PutJson($"/api/accounts/{id}/success-criteria", new
        {
            criteria = new[] { Criterion("bookings per week", 100, 150, 200, "bookings"), Criterion("churned seats", 8, 5, 4, "churn") },
        })).Expect(200);
        Assert.Equal(firstStamp, (string)again["criteria"]![0]!["changedAt"]!);
        Assert.Equal(75, (double)again["criteria"]![1]!["progress"]!);

        var changes = (await _ops.GetJson($"/api/accounts/{id}/timeline")).AsArray()
            .Where(t => (string)t!["type"]! == "change" && ((string)t["summary"]!).StartsWith("successCriteria:")).ToList();
        Assert.Equal(2, changes.Count);
        Assert.All(changes, c => Assert.Equal("success criteria agreed", (string)c!["detail"]!));
        Assert.All(changes, c => Assert.Equal("api: test ops", (string)c!["source"]!));
    }

    [Theory]
    [InlineData("""{ "criteria": [{ "metric": "bookings", "baseline": 100 }] }""", "criteria[0].target")]
    [InlineData("""{ "criteria": [{ "metric": "bookings", "baseline": 100, "target": 100 }] }""", "criteria[0].target")]
    [InlineData("""{ "criteria": [{ "metric": "bookings", "baseline": "a lot", "target": 200 }] }""", "criteria[0].baseline")]
    [InlineData("""{ "criteria": [{ "metric": "bookings", "baseline": 1, "target": 2, "current": "more" }] }""", "criteria[0].current")]
    [InlineData("""{ "criteria": [{ "metric": "bookings", "baseline": 1, "target": 2, "due": "next spring" }] }""", "criteria[0].due")]
    [InlineData("""{ "criteria": [{ "metric": "", "baseline": 1, "target": 2 }] }""", "criteria[0].metric")]
    [InlineData("""{ "criteria": [{ "metric": "a", "baseline": 1, "target": 2, "id": "x" }, { "metric": "b", "baseline": 1, "target": 2, "id": "x" }] }""", "criteria[1].id")]
    [InlineData("""{ "criteria": "bookings up" }""", "criteria")]
    [InlineData("""{ "goals": [] }""", "criteria")]
    public async Task PutSuccessCriteria_BadInput_400NamingTheField_NothingChanged(string body, string field)
    {
        var id = await NewAccount();
        await (await _ops.PutJson($"/api/accounts/{id}/success-criteria", new { criteria = new[] { Criterion("bookings per week", 100, 120, 200, "kept") } })).Expect(200);
        var before = await _ops.GetJson($"/api/accounts/{id}");

        var problem = await (await _ops.PutAsync($"/api/accounts/{id}/success-criteria",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"))).Expect(400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());

        var after = await _ops.GetJson($"/api/accounts/{id}");
        Assert.True(JsonNode.DeepEquals(before, after), after.ToJsonString());
    }

    [Theory]
    [InlineData("""[{ "metric": "a", "baseline": 1, "target": 2 }, { "metric": "bookings", "baseline": 100, "target": 100 }]""", "successCriteria[1].target")]
    [InlineData("""[{ "metric": "bookings", "baseline": 100 }]""", "successCriteria[0].target")]
    [InlineData("""[{ "metric": "bookings", "baseline": 1, "target": 2, "due": "next spring" }]""", "successCriteria[0].due")]
    [InlineData("""[{ "baseline": 1, "target": 2 }]""", "successCriteria[0].metric")]
    [InlineData("""{ "metric": "bookings" }""", "successCriteria")]
    public async Task PutAccount_BadSuccessCriteria_400NamingTheField_NothingChanged(string criteria, string field)
    {
        var id = await NewAccount();
        await (await _ops.PutJson($"/api/accounts/{id}/success-criteria", new { criteria = new[] { Criterion("bookings per week", 100, 120, 200, "kept") } })).Expect(200);
        var before = await _ops.GetJson($"/api/accounts/{id}");

        var document = before.DeepClone().AsObject();
        document["successCriteria"] = JsonNode.Parse(criteria);
        var problem = await (await _integration.PutJson($"/api/accounts/{id}", document)).Expect(400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(field), problem.ToJsonString());

        Assert.True(JsonNode.DeepEquals(before, await _ops.GetJson($"/api/accounts/{id}")));
        document["successCriteria"] = before["successCriteria"]!.DeepClone();
        document["name"] = "Renamed, criteria as read";
        await (await _integration.PutJson($"/api/accounts/{id}", document)).Expect(200);
    }

    [Fact]
    public async Task PutSuccessCriteria_WithAStaleVersion_409_NothingChanged()
    {
        var id = await NewAccount();
        var first = await (await _ops.PutJson($"/api/accounts/{id}/success-criteria", new { criteria = new[] { Criterion("bookings per week", 100, 120, 200, "c1") } })).Expect(200);
        var read = await _ops.GetJson($"/api/accounts/{id}/success-criteria");
        var version = (string)read["version"]!;
        Assert.Equal((string)first["version"]!, version);

        // Usage rescoring the account (another write to the same document) does not make the criteria stale.
        await (await _integration.PostJson($"/api/accounts/{id}/usage", new[] { Day("2026-03-02", 8) })).Expect(200);
        var mine = await (await _ops.PutJson($"/api/accounts/{id}/success-criteria", new { criteria = new[] { Criterion("bookings per week", 100, 150, 200, "c1") }, version })).Expect(200);
        Assert.NotEqual(version, (string)mine["version"]!);

        // A second person edits what they read before that save: refused, nothing changes.
        var stale = await (await _ops.PutJson($"/api/accounts/{id}/success-criteria", new { criteria = new[] { Criterion("bookings per week", 100, 110, 200, "c1") }, version })).Expect(409);
        Assert.Equal("Changed meanwhile", (string)stale["title"]!);
        Assert.Contains("reload", (string)stale["detail"]!);
        var now = await _ops.GetJson($"/api/accounts/{id}/success-criteria");
        Assert.Equal(150, (double)now["criteria"]![0]!["current"]!);
        Assert.Equal((string)mine["version"]!, (string)now["version"]!);

        // Reloaded, their write goes through; a write without a version is last-write-wins (integrations).
        await (await _ops.PutJson($"/api/accounts/{id}/success-criteria", new { criteria = new[] { Criterion("bookings per week", 100, 110, 200, "c1") }, version = (string)now["version"]! })).Expect(200);
        await (await _ops.PutJson($"/api/accounts/{id}/success-criteria", new { criteria = Array.Empty<object>() })).Expect(200);
    }

    [Fact]
    public async Task PutSuccessCriteria_TooMany_400()
    {
        var id = await NewAccount();
        var many = Enumerable.Range(0, 51).Select(i => Criterion($"metric {i}", 0, null, 1)).ToArray();
        var problem = await (await _ops.PutJson($"/api/accounts/{id}/success-criteria", new { criteria = many })).Expect(400);
        Assert.Contains("at most 50", (string)problem["errors"]!["criteria"]![0]!);
    }

    [Fact]
    public async Task PutSuccessCriteria_CsmOnlyOwnAccounts_ViewerAndIntegrationRefused()
    {
        var own = await NewAccount(csmId: "csm-1");
        var other = await NewAccount(csmId: "csm-2");
        var body = new { criteria = new[] { Criterion("bookings per week", 100, 110, 200) } };

        var saved = await (await _csm.PutJson($"/api/accounts/{own}/success-criteria", body)).Expect(200);
        Assert.Equal("test csm", (string)saved["criteria"]![0]!["changedBy"]!);
        var refused = await (await _csm.PutJson($"/api/accounts/{other}/success-criteria", body)).Expect(403);
        Assert.Contains("csm-2", (string)refused["detail"]!);
        await (await fixture.Host.Client(TestHost.ViewerKey).PutJson($"/api/accounts/{own}/success-criteria", body)).Expect(403);
        await (await _integration.PutJson($"/api/accounts/{own}/success-criteria", body)).Expect(403);
        await (await _ops.PutJson($"/api/accounts/{Samples.NewId("none")}/success-criteria", body)).Expect(404);

        Assert.Empty((await _ops.GetJson($"/api/accounts/{other}/success-criteria"))["criteria"]!.AsArray());
        Assert.Single((await fixture.Host.Client(TestHost.ViewerKey).GetJson($"/api/accounts/{own}/success-criteria"))["criteria"]!.AsArray());
    }

    [Fact]
    public async Task GetHealth_HistoryPerPeriod_WithBandTrendAndFiveIndicators()
    {
        var id = await NewAccount();
        // Four ISO weeks, activity falling from 9 to 3 of 10 seats.
        string[] mondays = ["2026-03-02", "2026-03-09", "2026-03-16", "2026-03-23"];
        int[] active = [9, 7, 5, 3];
        for (var w = 0; w < 4; w++)
            await (await _integration.PostJson($"/api/accounts/{id}/usage", new[] { Day(mondays[w], active[w]), Day(DateOnly.Parse(mondays[w]).AddDays(1).ToString("yyyy-MM-dd"), active[w]) })).Expect(200);

        var health = await _ops.GetJson($"/api/accounts/{id}/health");
        var history = health["history"]!.AsArray();
        Assert.Equal(Enumerable.Reverse(mondays), history.Select(h => (string)h!["periodStart"]!));
        Assert.All(history, h => Assert.Equal(5, h!["indicators"]!.AsArray().Count));
        Assert.Equal([30, 50, 70, 90], history.Select(h => (int)h!["indicators"]!.AsArray().Single(i => (string)i!["name"]! == "activity")!["score"]!));
        Assert.Equal("down", (string)health["trend"]!);
        Assert.Equal(50, (int)health["bands"]!["yellowFrom"]!);
        Assert.Equal(75, (int)health["bands"]!["greenFrom"]!);
        Assert.Equal((int)history[0]!["score"]!, (int)health["current"]!["score"]!);
        Assert.All(history, h => Assert.Equal((int)h!["score"]! < 50 ? "red" : (int)h["score"]! < 75 ? "yellow" : "green", (string)h["band"]!));

        Assert.Equal(2, (await _ops.GetJson($"/api/accounts/{id}/health?periods=2"))["history"]!.AsArray().Count);
        var bad = await (await _ops.GetAsync($"/api/accounts/{id}/health?periods=0")).Expect(400);
        Assert.NotNull(bad["errors"]!["periods"]);
        await (await _ops.GetAsync($"/api/accounts/{Samples.NewId("none")}/health")).Expect(404);
    }

    [Fact]
    public async Task GetUsage_DailySeries_DefaultWindowRangeAndBadInput()
    {
        var id = await NewAccount();
        Assert.Empty((await _ops.GetJson($"/api/accounts/{id}/usage"))["days"]!.AsArray());
        var days = Enumerable.Range(0, 120).Select(i => new DateOnly(2026, 1, 1).AddDays(i)).ToList();
        await (await _integration.PostJson($"/api/accounts/{id}/usage", days.Select((d, i) => Day(d.ToString("yyyy-MM-dd"), i % 10)).ToArray())).Expect(200);

        var series = await _ops.GetJson($"/api/accounts/{id}/usage");
        var listed = series["days"]!.AsArray();
        Assert.Equal(90, listed.Count); // the 90 days up to the latest fact
        Assert.Equal(days[^1].ToString("yyyy-MM-dd"), (string)series["to"]!);
        Assert.Equal(days[^90].ToString("yyyy-MM-dd"), (string)listed[0]!["date"]!);
        Assert.Equal(119 % 10, (int)listed[^1]!["activeUsers"]!);
        Assert.Equal(["editor", "reports"], listed[0]!["featuresUsed"]!.AsArray().Select(f => (string)f!));

        var range = (await _ops.GetJson($"/api/accounts/{id}/usage?from=2026-01-05&to=2026-01-11"))["days"]!.AsArray();
        Assert.Equal(7, range.Count);
        Assert.Equal("2026-01-05", (string)range[0]!["date"]!);

        Assert.NotNull((await (await _ops.GetAsync($"/api/accounts/{id}/usage?from=yesterday")).Expect(400))["errors"]!["from"]);
        Assert.NotNull((await (await _ops.GetAsync($"/api/accounts/{id}/usage?from=2026-02-01&to=2026-01-01")).Expect(400))["errors"]!["from"]);
        Assert.NotNull((await (await _ops.GetAsync($"/api/accounts/{id}/usage?from=2020-01-01&to=2026-01-01")).Expect(400))["errors"]!["from"]);
        await (await _ops.GetAsync($"/api/accounts/{Samples.NewId("none")}/usage")).Expect(404);
    }

    [Fact]
    public async Task OpenApi_DescribesTheAccountPageEndpointsWithTheirBodies()
    {
        var doc = await (await fixture.Host.CreateClient().GetAsync("/openapi/v1.json")).Expect(200);
        foreach (var (path, method) in new[] { ("/api/accounts/{id}/health", "get"), ("/api/accounts/{id}/usage", "get"),
                     ("/api/accounts/{id}/success-criteria", "get"), ("/api/accounts/{id}/success-criteria", "put") })
        {
            var ok = doc["paths"]![path]?[method]?["responses"]?["200"]?["content"]?["application/json"]?["schema"];
            Assert.True(ok is not null, $"OpenAPI lacks the 200 body of {method.ToUpperInvariant()} {path}");
        }
    }
}

public sealed class Account360ApiTests_Sqlite(SqliteHost f) : Account360ApiTests(f), IClassFixture<SqliteHost>;
public sealed class Account360ApiTests_Postgres(PostgresHost f) : Account360ApiTests(f), IClassFixture<PostgresHost>;
