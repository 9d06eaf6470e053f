using System.Text.RegularExpressions;
using CsPlaybooks.Bench;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>
/// A host of its own holding a 100,000-account book (<see cref="ScaleBook"/>: seeded through the product's batch paths
/// — accounts through the account writer, usage for the first 10,000 so they have health, the two scale playbooks
/// published), as the lists and pickers meet it in production.
/// </summary>
public sealed class ScaleBookDesignerHost : DesignerHost, IAsyncLifetime
{
    public const int Accounts = 100_000;
    public string SeedLog { get; private set; } = "";

    async Task IAsyncLifetime.InitializeAsync()
    {
        await InitializeAsync();
        var log = new List<string>();
        await ScaleBook.SeedAsync(Services, new ScaleBookSize(Accounts, UsageAccounts: 10_000, Waiting: 0, Parallel: 1, ReviewEvery: 0), log.Add);
        SeedLog = string.Join("; ", log);
    }

    Task IAsyncLifetime.DisposeAsync() => DisposeAsync();
}

/// <summary>
/// Issue 10 item 6 at 100,000 accounts, as a user sees it: the account list's true total, Find searching the whole book
/// on the server (account 99,999 is found), the last page reachable, tier + health band narrowing the total, the
/// simulation's account picker finding a typed account, the dashboard drawn with a filter; axe on each. Speed is the
/// bench's job (bench --reports): no timing is asserted here.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerScaleTests(ScaleBookDesignerHost host, ITestOutputHelper output) : IClassFixture<ScaleBookDesignerHost>
{
    private const int N = ScaleBookDesignerHost.Accounts;

    [Fact]
    public async Task HundredThousandAccounts_ListSearchLastPageFilters_PickerAndDashboard()
    {
        output.WriteLine(host.SeedLog);
        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/accounts");
        var count = page.GetByTestId("account-count");
        await Expect(count).ToHaveTextAsync($"1–50 of {N}", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("account-table").Locator("tbody tr")).ToHaveCountAsync(50);
        await host.ScreenshotAsync(page, "scale-1-accounts");
        await DesignerHost.AssertAccessibleAsync(page, "Accounts at 100,000");

        // Find searches the whole book on the server: account number 99,999 by its name.
        await page.GetByLabel("Find").FillAsync(ScaleBook.Name(99_999));
        await Expect(count).ToHaveTextAsync("1–1 of 1", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("account-table").GetByRole(AriaRole.Link, new() { Name = ScaleBook.Name(99_999) }))
            .ToHaveAttributeAsync("href", $"/#/accounts/{ScaleBook.Id(99_999)}");
        await host.ScreenshotAsync(page, "scale-2-found");

        // The last page, sorted by name: the last 50 accounts.
        await page.GetByLabel("Find").FillAsync("");
        await Expect(count).ToHaveTextAsync($"1–50 of {N}", new() { Timeout = 30_000 });
        await page.GetByRole(AriaRole.Button, new() { Name = "Last" }).ClickAsync();
        await Expect(count).ToHaveTextAsync($"{N - 49}–{N} of {N}", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("account-table").Locator("tbody tr").Last).ToContainTextAsync(ScaleBook.Id(N));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Next" })).ToBeDisabledAsync();

        // Tier, then health band, narrow the true total (the server's counts of the same filter).
        var ka = (int)(await host.GetJsonAsync("/api/accounts?tier=KA&take=1"))["total"]!;
        var kaRed = (int)(await host.GetJsonAsync("/api/accounts?tier=KA&healthBand=red&take=1"))["total"]!;
        Assert.Equal(N / 10, ka);
        Assert.InRange(kaRed, 1, ka - 1);
        await page.GetByLabel("Tier", new() { Exact = true }).SelectOptionAsync("KA");
        await Expect(count).ToHaveTextAsync($"1–50 of {ka}", new() { Timeout = 30_000 });
        await page.GetByLabel("Health", new() { Exact = true }).SelectOptionAsync("red");
        await Expect(count).ToHaveTextAsync($"1–50 of {kaRed}", new() { Timeout = 30_000 });
        await Expect(page.GetByTestId("account-table").Locator("tbody tr").First).ToContainTextAsync("KA");
        await Expect(page.GetByTestId("account-table").Locator("tbody tr").First).ToContainTextAsync("red");
        await host.ScreenshotAsync(page, "scale-3-ka-red");
        await DesignerHost.AssertAccessibleAsync(page, "Accounts filtered at 100,000");

        // The simulation's account picker searches as you type over the whole book.
        await page.GotoAsync($"{host.BaseUrl}/#/p/{ScaleBook.ReviewPlaybook}/simulate");
        await page.GetByRole(AriaRole.Radio, new() { Name = "Existing account" }).CheckAsync();
        await page.GetByLabel("Find account").FillAsync("099998");
        var picker = page.Locator("#sim-account");
        await Expect(picker.Locator("option")).ToHaveCountAsync(2, new() { Timeout = 30_000 }); // "(choose)" and the one match
        await picker.SelectOptionAsync(ScaleBook.Id(99_998));
        await Expect(picker).ToHaveValueAsync(ScaleBook.Id(99_998));
        await host.ScreenshotAsync(page, "scale-4-simulation-picker");
        await DesignerHost.AssertAccessibleAsync(page, "Simulation picker at 100,000");

        // The dashboard draws at that size with a filter: tier KA counts the 10,000 key accounts.
        await page.GotoAsync($"{host.BaseUrl}/#/dashboard?tier=KA");
        var health = page.GetByTestId("chart-health");
        await Expect(health.Locator("div[role=img]")).ToHaveAttributeAsync("aria-label", new Regex($"^{ka} accounts: "), new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("chart-csm-load")).ToBeVisibleAsync();
        await host.ScreenshotAsync(page, "scale-5-dashboard-ka");
        await DesignerHost.AssertAccessibleAsync(page, "Dashboard at 100,000");
    }
}
