using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Reports;

/// <summary>The dashboard's aggregates: account filters (industry, CSM), CSV of each, health trend, CSM load against capacity, the filters' choices; bad parameters named.</summary>
public abstract class DashboardReportsTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);
    private readonly HttpClient _viewer = fixture.Host.Client(TestHost.ViewerKey);

    private async Task<string> Account(string tag, string industry, string csmId, string tier = "KA")
    {
        var id = await ReportSamples.Account(_integration, tag, tier);
        var account = await _ops.GetJson($"/api/accounts/{id}");
        account["industry"] = industry;
        account["csmId"] = csmId;
        await (await _integration.PutJson($"/api/accounts/{id}", account)).Expect(200);
        return id;
    }

    private static object Day(string date, int active, long api = 0) =>
        new { date, activeUsers = active, materialInput = 10, contentOutput = 5, featuresUsed = new[] { "editor", "reports" }, apiCalls = api };

    [Fact]
    public async Task HealthAndLoad_FilteredByIndustryAndCsm_AlsoAsCsv()
    {
        var tag = Samples.NewId("tag");
        var csm = Samples.NewId("csm");
        await (await _ops.PutJson($"/api/csms/{csm}", new { name = "Load CSM", touchModel = "high", capacity = 4 })).Expect(201);
        var tourism = new[] { await Account(tag, "tourism", csm), await Account(tag, "tourism", csm, "micro") };
        var retail = await Account(tag, "retail", csm);
        await (await _integration.PostJson($"/api/accounts/{tourism[0]}/usage", new[] { Day("2026-03-02", 8, api: 5), Day("2026-03-03", 8, api: 5) })).Expect(200);
        var band = (string)(await _ops.GetJson($"/api/accounts/{tourism[0]}"))["health"]!["band"]!;

        var health = await _viewer.GetJson($"/api/reports/health?tag={tag}&industry=tourism");
        Assert.Equal(2, (int)health["total"]!);
        Assert.Equal(1, (int)health[band]!);
        Assert.Equal(1, (int)health["unscored"]!);
        Assert.Equal(3, (int)(await _viewer.GetJson($"/api/reports/health?csmId={csm}"))["total"]!);

        var csv = await (await _viewer.GetAsync($"/api/reports/health?tag={tag}&industry=tourism&format=csv")).Content.ReadAsStringAsync();
        var lines = csv.TrimEnd().Split("\r\n");
        Assert.Equal("tier,total,red,yellow,green,unscored", lines[0]);
        Assert.Contains("all,2," + string.Join(',', new[] { "red", "yellow", "green" }.Select(b => b == band ? "1" : "0")) + ",1", lines);
        Assert.Contains(lines, l => l.StartsWith("micro,1,", StringComparison.Ordinal));

        var trend = await _viewer.GetJson($"/api/reports/health/trend?tag={tag}");
        var period = Assert.Single(trend["periods"]!.AsArray())!;
        Assert.Equal(1, (int)period[band]!);

        var load = await _viewer.GetJson("/api/reports/csm-load");
        var row = load["csms"]!.AsArray().Single(c => (string)c!["csmId"]! == csm)!;
        Assert.Equal((3, 4, 0.75), ((int)row["load"]!, (int)row["capacity"]!, (double)row["utilisation"]!));
        var retailOnly = await _viewer.GetJson($"/api/reports/csm-load?industry=retail&tag={tag}");
        Assert.Equal(1, (int)retailOnly["csms"]!.AsArray().Single(c => (string)c!["csmId"]! == csm)!["load"]!);
        Assert.Equal([retail], (await _ops.GetJson($"/api/csms/{csm}"))["accounts"]!.AsArray().Select(a => (string)a!).Where(a => a == retail));
        Assert.Equal(3, (int)(await _ops.GetJson("/api/csms")).AsArray().Single(c => (string)c!["id"]! == csm)!["load"]!);
        var loadCsv = await (await _viewer.GetAsync("/api/reports/csm-load?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains($"{csm},Load CSM,high,4,3,0.75", loadCsv);
    }

    [Fact]
    public async Task ReasonsAndAtRisk_ByIndustry_AlsoAsCsv()
    {
        var playbook = Samples.NewId("dash");
        await Samples.Publish(_ops, ReportSamples.OutcomePlaybook(playbook));
        var tag = Samples.NewId("tag");
        var csm = Samples.NewId("csm");
        var tourism = await Account(tag, "tourism", csm);
        var retail = await Account(tag, "retail", csm);
        await ReportSamples.Enrol(_integration, playbook, tourism, "churn", "management-changed");
        await ReportSamples.Enrol(_integration, playbook, retail, "renewal", "value-proven");
        var atRiskAccount = await Account(tag, "tourism", csm);
        await ReportSamples.Enrol(_integration, playbook, atRiskAccount, "at-risk");

        var reasons = await Eventually.Get(() => _viewer.GetJson($"/api/reports/reasons?playbookId={playbook}&industry=tourism"), r => (int)r["total"]! == 1, "the tourism churn");
        Assert.Equal("management-changed", (string)reasons["causes"]![0]!["cause"]!);
        var csv = await (await _viewer.GetAsync($"/api/reports/reasons?playbookId={playbook}&by=quarter&format=csv")).Content.ReadAsStringAsync();
        var now = fixture.Clock.GetUtcNow();
        var quarter = $"{now.Year}-Q{(now.Month - 1) / 3 + 1}";
        Assert.Equal(["period,kind,cause,count", $"{quarter},churn,management-changed,1", $"{quarter},renewal,value-proven,1"], csv.TrimEnd().Split("\r\n"));

        var atRisk = await Eventually.Get(() => _viewer.GetJson($"/api/reports/at-risk?tag={tag}&industry=tourism&weeks=3"), r => (int)r["count"]! == 1, "one at-risk");
        Assert.Equal([atRiskAccount], atRisk["accounts"]!.AsArray().Select(a => (string)a!));
        Assert.Equal(0, (int)(await _viewer.GetJson($"/api/reports/at-risk?tag={tag}&industry=retail"))["count"]!);
        var riskCsv = await (await _viewer.GetAsync($"/api/reports/at-risk?tag={tag}&weeks=2&format=csv")).Content.ReadAsStringAsync();
        Assert.EndsWith(",1", riskCsv.TrimEnd().Split("\r\n")[^1]);
        Assert.Equal(3, riskCsv.TrimEnd().Split("\r\n").Length);

        var funnelCsv = await (await _viewer.GetAsync($"/api/reports/playbooks/{playbook}/funnel?format=csv")).Content.ReadAsStringAsync();
        Assert.Contains("1,route,3", funnelCsv);
        var funnel = await _viewer.GetJson($"/api/reports/playbooks/{playbook}/funnel?industry=retail");
        Assert.Equal(1, (int)funnel["entered"]!);
    }

    [Fact]
    public async Task Filters_IndustriesAndTags_WithTheirAccounts()
    {
        var tag = Samples.NewId("tag");
        var industry = Samples.NewId("industry");
        var csm = Samples.NewId("csm");
        await Account(tag, industry, csm);
        await Account(tag, industry, csm, "micro");
        await Account(tag, "retail", csm);

        var choices = await _viewer.GetJson("/api/reports/filters");
        int Accounts(string list, string value) => (int)choices[list]!.AsArray().Single(c => (string)c!["value"]! == value)!["accounts"]!;
        Assert.Equal(2, Accounts("industries", industry));
        Assert.Equal(3, Accounts("tags", tag));
        Assert.DoesNotContain(choices["industries"]!.AsArray(), c => (string?)c!["value"] is null or "");
    }

    [Theory]
    [InlineData("/api/reports/health?tier=gold", "tier")]
    [InlineData("/api/reports/health?format=xml", "format")]
    [InlineData("/api/reports/at-risk?weeks=0", "weeks")]
    [InlineData("/api/reports/reasons?by=week", "by")]
    [InlineData("/api/reports/reasons?kind=upsell", "kind")]
    [InlineData("/api/reports/expansion?from=yesterday", "from")]
    [InlineData("/api/reports/csm-load?healthBand=blue", "healthBand")]
    [InlineData("/api/reports/health/trend?periods=500", "periods")]
    public async Task Reports_BadParameter_400NamingIt(string url, string parameter)
    {
        var problem = await (await _viewer.GetAsync(url)).Expect(400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(parameter), $"{url}: {problem}");
    }
}

public sealed class DashboardReportsTests_Sqlite(SqliteClockHost f) : DashboardReportsTests(f), IClassFixture<SqliteClockHost>;
public sealed class DashboardReportsTests_Postgres(PostgresClockHost f) : DashboardReportsTests(f), IClassFixture<PostgresClockHost>;
