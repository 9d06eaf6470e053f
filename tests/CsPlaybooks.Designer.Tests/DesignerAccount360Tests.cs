using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>The account page (Account 360) against an account with weeks of usage, a renewed contract and success criteria.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerAccount360Tests(DesignerHost host)
{
    private static readonly string[] Mondays = ["2026-02-02", "2026-02-09", "2026-02-16", "2026-02-23", "2026-03-02", "2026-03-09"];
    private static readonly int[] ActiveUsers = [9, 8, 6, 4, 5, 7];
    /// <summary>The page's first data (eight queries and three charts) can take a while on a busy test machine.</summary>
    private const float FirstRender = 30_000;

    /// <summary>An account of the CSM Dana Reyes: a first contract renewed into a larger edition, six weeks of usage (one health record each), one criterion.</summary>
    private async Task<string> SeedAsync()
    {
        var id = $"e2e-a360-{Guid.NewGuid():N}"[..17];
        await host.SendJsonAsync(HttpMethod.Put, $"/api/accounts/{id}", new
        {
            name = "Atlas Travel " + id[^4..], tier = "KA", stage = "growth", timeZone = "Europe/Berlin", seats = 10,
            csmId = DesignerHost.CsmId, csm = new { id = DesignerHost.CsmId, name = "Dana Reyes" },
            contract = new { start = "2025-01-01", end = "2026-01-01", value = 20000, currency = "EUR", edition = "pro" },
            contacts = new[] { new { id = "c1", name = "Mia Chen", email = "mia@atlas.test", role = "decision-maker" } },
        });
        await host.SendJsonAsync(HttpMethod.Post, $"/api/accounts/{id}/contracts",
            new { start = "2026-01-01", end = "2027-01-01", value = 26000, currency = "EUR", edition = "enterprise", reason = "expanded to two regions" });
        for (var w = 0; w < Mondays.Length; w++)
        {
            var monday = DateOnly.Parse(Mondays[w]);
            await host.SendJsonAsync(HttpMethod.Post, $"/api/accounts/{id}/usage", Enumerable.Range(0, 3).Select(d => new
            {
                date = monday.AddDays(d).ToString("yyyy-MM-dd"), activeUsers = ActiveUsers[w], materialInput = 10 + w, contentOutput = 5 + w % 3,
                featuresUsed = new[] { "editor", "reports", "exports" }.Take(1 + w % 3).ToArray(), apiCalls = w > 2 ? 4 : 0,
            }).ToArray());
        }
        await host.SendJsonAsync(HttpMethod.Put, $"/api/accounts/{id}/success-criteria", new
        {
            criteria = new[] { new { id = "bookings", metric = "Bookings per week", baseline = 100, current = 120, target = 200, due = "2026-12-31", agreedBy = "Mia Chen", agreedAt = "2026-01-15" } },
        });
        return id;
    }

    [Fact]
    public async Task Account360_ChartsFromHistory_RenewalInHistory_CriterionEditPersists_BadValueShowsFieldError()
    {
        var id = await SeedAsync();
        var history = (await host.GetJsonAsync($"/api/accounts/{id}/health"))["history"]!.AsArray();
        Assert.Equal(Mondays.Length, history.Count);
        var periods = history.Select(h => (string)h!["periodStart"]!).Order().ToList();
        var scores = history.OrderBy(h => (string)h!["periodStart"]!).Select(h => (int)h!["score"]!).ToList();

        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/accounts/{id}");
        await Expect(page.GetByTestId("account-tier")).ToHaveTextAsync("KA", new() { Timeout = FirstRender });
        await Expect(page.GetByTestId("account-stage")).ToHaveTextAsync("growth");
        await Expect(page.GetByTestId("account-csm")).ToHaveTextAsync("Dana Reyes");
        await Expect(page.GetByTestId("account-contract")).ToHaveTextAsync("2027-01-01");
        await Expect(page.GetByTestId("account-health-band")).ToContainTextAsync($"{history[0]!["band"]} · {history[0]!["score"]}");

        // The health chart is drawn from the stored records: one x-axis label per period, in order, and its data table holds each score.
        var healthChart = page.GetByTestId("chart-health");
        var dateLabels = healthChart.Locator("svg text").Filter(new() { HasTextRegex = new Regex(@"^\d{4}-\d{2}-\d{2}$") });
        await Expect(dateLabels).ToHaveCountAsync(periods.Count);
        Assert.Equal(periods, await dateLabels.AllTextContentsAsync());
        var csv = Uri.UnescapeDataString((await page.GetByTestId("csv-health").GetAttributeAsync("href"))!.Split(',', 2)[1]);
        var rows = csv.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Equal(periods, rows.Select(r => r[0]));
        Assert.Equal(scores, rows.Select(r => int.Parse(r[2])));
        var legend = await page.GetByTestId("chart-indicators").Locator("svg text").AllTextContentsAsync();
        foreach (var name in new[] { "Activity", "Material input", "Content output", "Coverage", "API usage" }) Assert.Contains(name, legend);
        await Expect(page.GetByTestId("chart-usage").Locator("svg path").First).ToBeAttachedAsync();

        // The renewal: the current term first, saying what it changed, then the first term.
        var terms = page.GetByTestId("contract-history").Locator("tbody tr");
        await Expect(terms).ToHaveCountAsync(2);
        await Expect(terms.Nth(0)).ToContainTextAsync("2026-01-01 – 2027-01-01");
        await Expect(terms.Nth(0)).ToContainTextAsync("renewal (value +30 %, edition pro → enterprise)");
        await Expect(terms.Nth(1)).ToContainTextAsync("2025-01-01 – 2026-01-01");
        await Expect(terms.Nth(1)).ToContainTextAsync("first term on record");
        await Expect(page.GetByTestId("account-timeline")).ToContainTextAsync("contract.renewed");

        var criterion = page.GetByTestId("criterion").Filter(new() { HasText = "Bookings per week" });
        await Expect(criterion.GetByTestId("criterion-gap")).ToHaveTextAsync("100 → 120 → 200");
        await Expect(criterion.GetByTestId("criterion-progress")).ToHaveTextAsync("20 %");
        await DesignerHost.AssertAccessibleAsync(page, "account 360");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(host.ScreenshotsDir, "account360-overview.png"), FullPage = true });

        // Edit by keyboard: Enter on Edit opens the form on its first field; Enter in a field saves.
        await criterion.GetByRole(AriaRole.Button, new() { Name = "Edit “Bookings per week”" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        var form = page.GetByTestId("criterion-form");
        await Expect(form.GetByLabel("Metric", new() { Exact = false })).ToBeFocusedAsync();
        await form.GetByTestId("criterion-current").FillAsync("150");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("toast")).ToContainTextAsync("Saved: Bookings per week");
        await Expect(criterion.GetByTestId("criterion-progress")).ToHaveTextAsync("50 %");
        await Expect(criterion).ToContainTextAsync($"changed by {DesignerHost.OpsEmail}");

        await page.ReloadAsync();
        await Expect(criterion.GetByTestId("criterion-gap")).ToHaveTextAsync("100 → 150 → 200");
        await Expect(criterion.GetByTestId("criterion-progress")).ToHaveTextAsync("50 %");
        Assert.Equal(150, (double)(await host.GetJsonAsync($"/api/accounts/{id}/success-criteria"))["criteria"]![0]!["current"]!);

        // A bad value: the server's message for that field, under that field; nothing stored.
        await criterion.GetByTestId("criterion-edit").ClickAsync();
        await form.GetByTestId("criterion-target").FillAsync("lots");
        await form.GetByTestId("criterion-save").ClickAsync();
        var error = form.GetByTestId("criterion-error-target");
        await Expect(error).ToContainTextAsync("'criteria[0].target' must be a number, not \"lots\"");
        await Expect(form.GetByTestId("criterion-target")).ToHaveAttributeAsync("aria-invalid", "true");
        await DesignerHost.AssertAccessibleAsync(page, "account 360 with a field error");
        await form.ScrollIntoViewIfNeededAsync();
        await host.ScreenshotAsync(page, "account360-criterion-error");
        Assert.Equal(200, (double)(await host.GetJsonAsync($"/api/accounts/{id}/success-criteria"))["criteria"]![0]!["target"]!);
        await form.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(form).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Account360_Viewer_ReadsCriteriaWithoutEditing()
    {
        var id = await SeedAsync();
        var page = await host.NewPageAsync(role: "viewer");
        await page.GotoAsync($"{host.BaseUrl}/#/accounts/{id}");
        var criterion = page.GetByTestId("criterion").Filter(new() { HasText = "Bookings per week" });
        await Expect(criterion.GetByTestId("criterion-progress")).ToHaveTextAsync("20 %", new() { Timeout = FirstRender });
        await Expect(page.GetByTestId("criteria-readonly")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("criterion-edit")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("criterion-add")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("chart-health").Locator("svg")).ToBeAttachedAsync();
        await DesignerHost.AssertAccessibleAsync(page, "account 360 (viewer)");
        await host.ScreenshotAsync(page, "account360-viewer");
    }
}
