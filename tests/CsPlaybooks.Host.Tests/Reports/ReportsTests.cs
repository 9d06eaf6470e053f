using System.Globalization;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Reports;

/// <summary>Each report computed from data the test makes: accounts by PUT, reasons and stages by a published playbook, usage by POST. Virtual clock.</summary>
public abstract class ReportsTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);
    private readonly HttpClient _viewer = fixture.Host.Client(TestHost.ViewerKey);

    private static object Day(string date, int active, long api = 0) =>
        new { date, activeUsers = active, materialInput = 10, contentOutput = 5, featuresUsed = new[] { "editor", "reports" }, apiCalls = api };

    [Fact]
    public async Task Reasons_ByMonthAndQuarter_CountsPerCause()
    {
        var playbook = Samples.NewId("reasons");
        await Samples.Publish(_ops, ReportSamples.OutcomePlaybook(playbook));
        var tag = Samples.NewId("tag");
        foreach (var (kind, cause) in new[] { ("renewal", "value-proven"), ("renewal", "value-proven"), ("renewal", "good-price"), ("non-renewal", "budget-cut"), ("churn", "no-incentive"), ("churn", "management-changed") })
            await ReportSamples.Enrol(_integration, playbook, await ReportSamples.Account(_integration, tag), kind, cause);

        var byMonth = await Eventually.Get(() => _viewer.GetJson($"/api/reports/reasons?playbookId={playbook}"), r => (int)r["total"]! == 6, "six reasons");
        var now = fixture.Clock.GetUtcNow();
        var period = byMonth["periods"]!.AsArray().Single()!;
        Assert.Equal(now.ToString("yyyy-MM", CultureInfo.InvariantCulture), (string)period["period"]!);
        Assert.Equal(3, (int)period["totals"]!["renewal"]!);
        Assert.Equal(1, (int)period["totals"]!["non-renewal"]!);
        Assert.Equal(2, (int)period["totals"]!["churn"]!);
        var causes = period["causes"]!.AsArray();
        Assert.Equal(2, Count(causes, "renewal", "value-proven"));
        Assert.Equal(1, Count(causes, "renewal", "good-price"));
        Assert.Equal(1, Count(causes, "non-renewal", "budget-cut"));

        var churnByQuarter = await _viewer.GetJson($"/api/reports/reasons?playbookId={playbook}&kind=churn&by=quarter");
        var quarter = churnByQuarter["periods"]!.AsArray().Single()!;
        Assert.Equal($"{now.Year}-Q{(now.Month - 1) / 3 + 1}", (string)quarter["period"]!);
        Assert.Equal(2, (int)churnByQuarter["total"]!);
        Assert.Equal(1, Count(quarter["causes"]!.AsArray(), "churn", "no-incentive"));
        Assert.Equal(1, Count(quarter["causes"]!.AsArray(), "churn", "management-changed"));

        var none = await _viewer.GetJson($"/api/reports/reasons?playbookId={playbook}&from={now.AddYears(1):yyyy-MM-dd}");
        Assert.Equal(0, (int)none["total"]!);
        await (await _viewer.GetAsync("/api/reports/reasons?by=week")).Expect(400);
    }

    [Fact]
    public async Task Reports_ReadableByCsmKey_AndListedInOpenApi()
    {
        await (await fixture.Host.Client(TestHost.CsmKey).GetAsync("/api/reports/health")).Expect(200);
        var paths = (await (await fixture.Host.CreateClient().GetAsync("/openapi/v1.json")).Expect(200))["paths"]!.AsObject();
        foreach (var path in new[] { "/api/reports/reasons", "/api/reports/at-risk", "/api/reports/health", "/api/reports/expansion",
                     "/api/reports/playbooks/{id}/funnel", "/api/reports/playbooks/{id}/holdout", "/api/accounts/import" })
            Assert.True(paths.ContainsKey(path), $"OpenAPI lacks {path}");
    }

    private static int Count(JsonArray causes, string kind, string cause) =>
        causes.Where(c => (string)c!["kind"]! == kind && (string)c["cause"]! == cause).Select(c => (int)c!["count"]!).SingleOrDefault();

    [Fact]
    public async Task AtRiskAndHealth_CountTaggedAccounts_WithTrendAndBands()
    {
        var playbook = Samples.NewId("risk");
        await Samples.Publish(_ops, ReportSamples.OutcomePlaybook(playbook));
        var tag = Samples.NewId("tag");
        var risky = new[] { await ReportSamples.Account(_integration, tag), await ReportSamples.Account(_integration, tag, tier: "micro") };
        foreach (var id in risky) await ReportSamples.Enrol(_integration, playbook, id, "at-risk");
        var pushed = await ReportSamples.Account(_integration, tag, stage: "at-risk");
        var healthy = await ReportSamples.Account(_integration, tag, tier: "micro");
        var unscored = await ReportSamples.Account(_integration, tag, tier: "ordinary");
        await (await _integration.PostJson($"/api/accounts/{risky[0]}/usage", new[] { Day("2026-03-02", 1) })).Expect(200);
        await (await _integration.PostJson($"/api/accounts/{risky[1]}/usage", new[] { Day("2026-03-02", 5, api: 1) })).Expect(200);
        await (await _integration.PostJson($"/api/accounts/{healthy}/usage", new[] { Day("2026-03-02", 8, api: 5), Day("2026-03-03", 8, api: 5) })).Expect(200);

        var atRisk = await Eventually.Get(() => _viewer.GetJson($"/api/reports/at-risk?tag={tag}&weeks=2"), r => (int)r["count"]! == 3, "three at-risk accounts");
        Assert.Equal(new[] { pushed }.Concat(risky).Order(StringComparer.Ordinal), atRisk["accounts"]!.AsArray().Select(a => (string)a!));
        var trend = atRisk["trend"]!.AsArray();
        Assert.Equal(2, trend.Count);
        Assert.Equal(0, (int)trend[0]!["count"]!);
        Assert.Equal(3, (int)trend[1]!["count"]!);
        Assert.Equal(1, (int)(await _viewer.GetJson($"/api/reports/at-risk?tag={tag}&tier=micro"))["count"]!);

        var bands = new Dictionary<string, string?>();
        foreach (var id in risky.Append(pushed).Append(healthy).Append(unscored))
            bands[id] = (string?)(await _ops.GetJson($"/api/accounts/{id}"))["health"]?["band"];
        Assert.Equal("green", bands[healthy]);
        var health = await _viewer.GetJson($"/api/reports/health?tag={tag}");
        Assert.Equal(5, (int)health["total"]!);
        foreach (var band in new[] { "red", "yellow", "green" })
            Assert.Equal(bands.Values.Count(b => b == band), (int)health[band]!);
        Assert.Equal(2, (int)health["unscored"]!);
        var micro = health["byTier"]!["micro"]!;
        Assert.Equal(2, (int)micro["total"]!);
        Assert.Equal(new[] { risky[1], healthy }.Count(id => bands[id] == "green"), (int)micro["green"]!);
        Assert.Equal(1, (int)(await _viewer.GetJson($"/api/reports/health?tag={tag}&tier=ordinary"))["unscored"]!);
    }

    [Fact]
    public async Task Expansion_CountsExpansionFieldsSetByPlaybooks()
    {
        var playbook = Samples.NewId("expand");
        await Samples.Publish(_ops, ReportSamples.OutcomePlaybook(playbook));
        var tag = Samples.NewId("tag");
        var accounts = new[] { await ReportSamples.Account(_integration, tag), await ReportSamples.Account(_integration, tag) };
        await ReportSamples.Enrol(_integration, playbook, accounts[0], "expansion", "more-seats");
        await ReportSamples.Enrol(_integration, playbook, accounts[1], "expansion", "api-edition");
        await ReportSamples.Enrol(_integration, playbook, await ReportSamples.Account(_integration, tag), "renewal", "value-proven");

        var report = await Eventually.Get(() => _viewer.GetJson($"/api/reports/expansion?playbookId={playbook}"), r => (int)r["count"]! == 2, "two opportunities");
        Assert.Equal(2, (int)report["accounts"]!);
        Assert.Equal(2, (int)report["byKind"]!["upsell"]!);
        Assert.Equal(2, (int)report["byMonth"]![0]!["count"]!);
        Assert.Contains(report["recent"]!.AsArray(), o => (string)o!["accountId"]! == accounts[0] && (string)o["value"]! == "more-seats");
        Assert.Equal(2, (int)(await _viewer.GetJson($"/api/reports/expansion?tag={tag}"))["count"]!);
    }

    [Fact]
    public async Task Funnel_CountsEnteredStepsAndStatusesPerVersion()
    {
        var playbook = Samples.NewId("funnel");
        await Samples.Publish(_ops, ReportSamples.OutcomePlaybook(playbook));
        var tag = Samples.NewId("tag");
        await ReportSamples.Enrol(_integration, playbook, await ReportSamples.Account(_integration, tag), "renewal", "value-proven");
        await ReportSamples.Enrol(_integration, playbook, await ReportSamples.Account(_integration, tag), "churn", "no-incentive");
        await ReportSamples.Enrol(_integration, playbook, await ReportSamples.Account(_integration, tag), "wait");
        var cancelled = await ReportSamples.Enrol(_integration, playbook, await ReportSamples.Account(_integration, tag), "wait");
        await (await _ops.PostJson($"/api/instances/{cancelled}/cancel", new { reason = "test" })).Expect(200);

        var funnel = await Eventually.Get(() => _viewer.GetJson($"/api/reports/playbooks/{playbook}/funnel"),
            f => (int)f["completed"]! == 2 && (int)f["cancelled"]! == 1, "two completed, one cancelled");
        Assert.Equal(4, (int)funnel["entered"]!);
        Assert.Equal(1, (int)funnel["running"]!);
        Assert.Equal(0, (int)funnel["faulted"]!);
        var version = funnel["versions"]!.AsArray().Single()!;
        Assert.Equal(1, (int)version["version"]!);
        var steps = version["steps"]!.AsArray().ToDictionary(s => (string)s!["stepId"]!, s => (int)s!["instances"]!);
        Assert.Equal("route", (string)version["steps"]![0]!["stepId"]!);
        Assert.Equal(4, steps["route"]);
        Assert.Equal(1, steps["renewed"]);
        Assert.Equal(1, steps["churned"]);
        Assert.Equal(1, steps["mark-churned"]);
        Assert.Equal(2, steps["wait-done"]);
        Assert.Equal(0, steps["not-renewed"]);
        await (await _viewer.GetAsync($"/api/reports/playbooks/{Samples.NewId("none")}/funnel")).Expect(404);
    }

    [Fact]
    public async Task Holdout_FiftyPercent_ComparesRenewalRateAndHealth()
    {
        var playbook = Samples.NewId("holdout");
        await Samples.Publish(_ops, ReportSamples.OutcomePlaybook(playbook, holdoutPercent: 50));
        var tag = Samples.NewId("tag");
        var outcomes = new Dictionary<string, (bool Renewed, Guid Instance)>();
        for (var i = 0; i < 20; i++)
        {
            var id = await ReportSamples.Account(_integration, tag);
            var renewed = i % 3 != 0;
            if (i % 2 == 0)
                await (await _integration.PostJson($"/api/accounts/{id}/usage", new[] { Day("2026-03-02", i % 4 == 0 ? 8 : 2, api: i % 4 == 0 ? 5 : 0) })).Expect(200);
            outcomes[id] = (renewed, await ReportSamples.Enrol(_integration, playbook, id, renewed ? "renewal" : "non-renewal", renewed ? "value-proven" : "budget-cut"));
        }

        var instances = await Eventually.Get(() => _ops.GetJson($"/api/instances?playbookId={playbook}&take=100"),
            r => r["items"]!.AsArray().Count(i => (string)i!["status"]! == "completed") == 20, "twenty completed instances");
        var holdout = instances["items"]!.AsArray().ToDictionary(i => (string)i!["accountId"]!, i => (bool)i!["holdout"]!);
        Assert.InRange(holdout.Values.Count(h => h), 1, 19);
        var scores = new Dictionary<string, double?>();
        foreach (var id in outcomes.Keys) scores[id] = (double?)(await _ops.GetJson($"/api/accounts/{id}"))["health"]?["score"];

        var report = await _viewer.GetJson($"/api/reports/playbooks/{playbook}/holdout");
        Assert.Equal(50, (int)report["holdoutPercent"]!);
        foreach (var (group, held) in new[] { ("holdout", true), ("treated", false) })
        {
            var members = outcomes.Keys.Where(id => holdout[id] == held).ToList();
            var g = report[group]!;
            Assert.Equal(members.Count, (int)g["accounts"]!);
            var renewed = members.Count(id => outcomes[id].Renewed);
            Assert.Equal(renewed, (int)g["renewed"]!);
            Assert.Equal(members.Count - renewed, (int)g["notRenewed"]!);
            Assert.Equal(Math.Round((double)renewed / members.Count, 4), (double)g["renewalRate"]!, 4);
            var scored = members.Where(id => scores[id] is not null).Select(id => scores[id]!.Value).ToList();
            Assert.Equal(scored.Count, (int)g["scored"]!);
            if (scored.Count > 0) Assert.Equal(Math.Round(scored.Average(), 2), (double)g["averageHealth"]!, 2);
        }
    }
}

public sealed class ReportsTests_Sqlite(SqliteClockHost f) : ReportsTests(f), IClassFixture<SqliteClockHost>;
public sealed class ReportsTests_Postgres(PostgresClockHost f) : ReportsTests(f), IClassFixture<PostgresClockHost>;
