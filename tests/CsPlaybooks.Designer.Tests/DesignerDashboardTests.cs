using System.Text.RegularExpressions;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>
/// The CS lead's dashboard on a small book made through the API (tagged, so other tests' data stays out): accounts across
/// tiers and health bands, one at risk, a renewal with its reason and an upsell handed to sales by a playbook, a CSM over
/// capacity. The charts are drawn from that data (their SVG and their CSV), a tier filter narrows them and lands in the
/// address, a deep link that matches nothing says so; axe finds nothing serious.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerDashboardTests(DesignerHost host)
{
    private const string Tag = "e2e-dash";
    private const string Omar = "e2e-dash-omar";
    private const string Playbook = "e2e-dash-renewal";
    private const string CsvPrefix = "data:text/csv;charset=utf-8,";

    private static object Day(string date, int active) =>
        new { date, activeUsers = active, materialInput = 10, contentOutput = 5, featuresUsed = new[] { "editor", "reports" }, apiCalls = 5 };

    private async Task AccountAsync(string id, string tier, string csmId, string stage = "growth")
    {
        await host.SendJsonAsync(HttpMethod.Put, $"/api/accounts/{id}", new
        {
            name = "Dash " + id, tier, stage, timeZone = "Europe/Berlin", csmId, industry = "publishing", seats = 10, tags = new[] { Tag },
            contract = new { start = "2026-01-01", end = "2027-01-01" },
            contacts = new[] { new { id = "c1", name = "Dana", email = $"dana@{id}.test", role = "decision-maker" } },
        });
    }

    /// <summary>Four accounts: two KA of Omar (capacity 1: over), one ordinary and one micro of Dana; usage high, none and some; one at risk.</summary>
    private async Task<Dictionary<string, (string Tier, string Band)>> SeedBookAsync()
    {
        await host.SendJsonAsync(HttpMethod.Put, $"/api/csms/{Omar}", new { name = "Omar Overload", email = "omar.overload@vendor.example", touchModel = "high", capacity = 1 });
        await AccountAsync("e2e-dash-ka-1", "KA", Omar);
        await AccountAsync("e2e-dash-ka-2", "KA", Omar, stage: "at-risk");
        await AccountAsync("e2e-dash-ord", "ordinary", DesignerHost.CsmId);
        await AccountAsync("e2e-dash-micro", "micro", DesignerHost.CsmId);
        await host.SendJsonAsync(HttpMethod.Post, "/api/accounts/e2e-dash-ka-1/usage", new[] { Day("2026-03-02", 9), Day("2026-03-03", 9) });
        await host.SendJsonAsync(HttpMethod.Post, "/api/accounts/e2e-dash-ka-2/usage", new[] { Day("2026-03-02", 0), Day("2026-03-03", 0) });
        await host.SendJsonAsync(HttpMethod.Post, "/api/accounts/e2e-dash-ord/usage", new[] { Day("2026-03-02", 4), Day("2026-03-03", 4) });

        // A playbook records the renewal's reason and hands an upsell to sales.
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", new
        {
            id = Playbook, name = "E2E dashboard renewal", trigger = new { type = "manual" },
            steps = new object[]
            {
                new { id = "renewed", type = "recordReason", kind = "renewal", cause = "'value-proven'", position = new { x = 0, y = 0 } },
                new { id = "hand-to-sales", type = "setField", field = "expansion.upsell", value = "20 more seats", position = new { x = 0, y = 150 } },
                new { id = "done", type = "end", position = new { x = 0, y = 300 } },
            },
            connections = new[] { new { from = "renewed", to = "hand-to-sales" }, new { from = "hand-to-sales", to = "done" } },
        });
        await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/{Playbook}/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/{Playbook}/enrolments", new { accountId = "e2e-dash-ka-1" });
        await host.PollJsonAsync($"/api/reports/expansion?tag={Tag}", r => (int)r["count"]! == 1);

        var book = new Dictionary<string, (string, string)>();
        foreach (var id in new[] { "e2e-dash-ka-1", "e2e-dash-ka-2", "e2e-dash-ord", "e2e-dash-micro" })
        {
            var account = await host.GetJsonAsync($"/api/accounts/{id}");
            book[id] = ((string)account["tier"]!, (string?)account["health"]?["band"] ?? "unscored");
        }
        Assert.Equal("unscored", book["e2e-dash-micro"].Item2);
        Assert.True(book.Values.Select(v => v.Item2).Distinct().Count() >= 3, $"the book spans health bands: {string.Join(", ", book.Values)}");
        return book;
    }

    /// <summary>The CSV a chart offers for download (its data: link), as lines.</summary>
    private static async Task<string[]> CsvAsync(IPage page, string chart)
    {
        var href = await page.GetByTestId($"csv-{chart}").GetAttributeAsync("href");
        Assert.StartsWith(CsvPrefix, href);
        return Uri.UnescapeDataString(href![CsvPrefix.Length..]).TrimEnd().Split("\r\n");
    }

    private const string Red = "#c5221f";

    /// <summary>Which of <paramref name="labels"/> the chart's SVG draws as text (axis labels), in that order.</summary>
    private static async Task<string[]> AxisLabelsAsync(ILocator chart, string[] labels)
    {
        var texts = await chart.Locator("svg text").AllTextContentsAsync();
        return labels.Where(l => texts.Contains(l)).ToArray();
    }

    /// <summary>Paths filled in a health band's colour (bars, and one legend icon per band).</summary>
    private static async Task<int> BandBarsAsync(ILocator chart)
    {
        var count = 0;
        foreach (var colour in new[] { Red, "#e3a008", "#188038", "#9aa0a6" }) count += await chart.Locator($"svg path[fill='{colour}']").CountAsync();
        return count;
    }

    /// <summary>The load column of a CSM's row in the csm-load CSV (csmId,name,touchModel,capacity,load,…).</summary>
    private static string LoadOf(string[] csv, string csmId) => csv.Single(l => l.StartsWith(csmId + ",", StringComparison.Ordinal)).Split(',')[4];

    /// <summary>tier,total,red,yellow,green,unscored rows for the accounts, tiers in dashboard order, then "all".</summary>
    private static string[] HealthCsv(IEnumerable<(string Tier, string Band)> accounts)
    {
        var list = accounts.ToList();
        string Row(string name, List<(string Tier, string Band)> of) =>
            $"{name},{of.Count}," + string.Join(',', new[] { "red", "yellow", "green", "unscored" }.Select(b => of.Count(a => a.Band == b)));
        var tiers = new[] { "KA", "ordinary", "micro" }.Where(t => list.Any(a => a.Tier == t));
        return ["tier,total,red,yellow,green,unscored", .. tiers.Select(t => Row(t, list.Where(a => a.Tier == t).ToList())), Row("all", list)];
    }

    [Fact]
    public async Task Dashboard_ChartsDrawnFromTheBook_TierFilterNarrowsThemAndIsInTheAddress()
    {
        var book = await SeedBookAsync();
        var page = await host.NewPageAsync(role: "viewer");
        await page.GotoAsync($"{host.BaseUrl}/#/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Dashboard" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Dashboard", Level = 1 })).ToBeVisibleAsync();
        await page.GetByLabel("Tag", new() { Exact = true }).SelectOptionAsync(Tag);
        await Expect(page).ToHaveURLAsync(new Regex($"#/dashboard\\?tag={Tag}$"));
        await page.GetByLabel("Playbook", new() { Exact = true }).SelectOptionAsync(Playbook);

        // Health by tier: drawn (SVG bars) and its CSV holds the seeded accounts per tier and band.
        var health = page.GetByTestId("chart-health");
        await Expect(health.Locator("div[role=img]")).ToHaveAttributeAsync("aria-label", new Regex("^4 accounts: "));
        Assert.Equal(["KA", "ordinary", "micro"], await AxisLabelsAsync(health, ["KA", "ordinary", "micro"]));
        Assert.True(await BandBarsAsync(health) > 4, "bars beside the four legend icons");
        Assert.Equal(HealthCsv(book.Values), await CsvAsync(page, "health"));
        Assert.NotEmpty(await CsvAsync(page, "health-trend"));

        // No survey answered in this book: the NPS panel says how to get answers instead of an empty chart.
        await Expect(page.GetByTestId("empty-nps")).ToContainTextAsync("sendSurvey");

        // At risk now in this week; the renewal reason in this quarter; the upsell in this month.
        await Expect(page.GetByTestId("chart-at-risk").Locator($"svg path[fill='{Red}']")).Not.ToHaveCountAsync(0);
        Assert.EndsWith(",1", (await CsvAsync(page, "at-risk"))[^1]);
        var now = DateTime.UtcNow;
        Assert.Equal(["period,kind,cause,count", $"{now.Year}-Q{(now.Month - 1) / 3 + 1},renewal,value-proven,1"], await CsvAsync(page, "reasons"));
        Assert.Equal(["period,kind,count", $"{now:yyyy-MM},upsell,1"], await CsvAsync(page, "expansion"));

        // The playbook picked: one instance reached both steps; the enrolled account is treated and renewed.
        var funnel = await CsvAsync(page, "funnel");
        Assert.Equal("version,stepId,instances", funnel[0]);
        Assert.Equal(["1,renewed,1", "1,hand-to-sales,1"], funnel[1..3]);
        Assert.Contains("treated,1,1,0,1,", string.Join("\n", await CsvAsync(page, "holdout")));
        await Expect(page).ToHaveURLAsync(new Regex($"playbook={Playbook}"));

        // Omar carries two accounts with capacity for one: marked over capacity.
        await Expect(page.GetByTestId("overloaded")).ToContainTextAsync("Omar Overload: 2 of 1");
        var load = await CsvAsync(page, "csm-load");
        Assert.Contains($"{Omar},Omar Overload,high,1,2,2,yes", load);
        Assert.Equal("2", LoadOf(load, DesignerHost.CsmId));
        await host.ScreenshotAsync(page, "dashboard-book");
        await page.GetByTestId("chart-holdout").ScrollIntoViewIfNeededAsync();
        await host.ScreenshotAsync(page, "dashboard-team-and-playbook");
        await DesignerHost.AssertAccessibleAsync(page, "Dashboard");

        // Tier KA: the address carries it and the charts narrow to the two KA accounts.
        await page.GetByLabel("Tier", new() { Exact = true }).SelectOptionAsync("KA");
        await Expect(page).ToHaveURLAsync(new Regex($"#/dashboard\\?tier=KA&tag={Tag}&playbook={Playbook}$"));
        await Expect(health.Locator("div[role=img]")).ToHaveAttributeAsync("aria-label", new Regex("^2 accounts: "));
        Assert.Equal(["KA"], await AxisLabelsAsync(health, ["KA", "ordinary", "micro"]));
        Assert.Equal(HealthCsv(book.Values.Where(a => a.Tier == "KA")), await CsvAsync(page, "health"));
        Assert.Equal("0", LoadOf(await CsvAsync(page, "csm-load"), DesignerHost.CsmId));
        Assert.Equal("2", LoadOf(await CsvAsync(page, "csm-load"), Omar));
        await host.ScreenshotAsync(page, "dashboard-tier-ka");

        // A deep link that matches no account says so and offers to clear the filters.
        await page.GotoAsync($"{host.BaseUrl}/#/dashboard?tier=micro&csmId={Omar}&tag={Tag}");
        await Expect(page.GetByTestId("dashboard-empty")).ToContainTextAsync("No accounts match these filters.");
        await Expect(page.GetByLabel("Tier", new() { Exact = true })).ToHaveValueAsync("micro");
        await host.ScreenshotAsync(page, "dashboard-empty");
        await DesignerHost.AssertAccessibleAsync(page, "Dashboard without matches");
        await page.GetByRole(AriaRole.Button, new() { Name = "clear the filters" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("#/dashboard$"));
        await Expect(page.GetByTestId("chart-health")).ToBeVisibleAsync();
    }
}
