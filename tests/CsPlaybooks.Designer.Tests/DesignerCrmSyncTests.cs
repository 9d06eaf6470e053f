using CsPlaybooks.Designer.Tests.Support;
using CsPlaybooks.Host.Tests.Crm;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>A host whose HubSpot is WireMock.Net answering in HubSpot's CRM v3 shapes.</summary>
public sealed class CrmDesignerHost : DesignerHost, IDisposable
{
    public HubSpotFake HubSpot { get; } = new();
    protected override IReadOnlyDictionary<string, string> Settings => HubSpot.Settings;
    public void Dispose() => HubSpot.Dispose();
}

/// <summary>Issue 13 item 3 in the browser: ops syncs from HubSpot, follows the progress, reads the report and its reasons.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerCrmSyncTests(CrmDesignerHost host) : IClassFixture<CrmDesignerHost>
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task SyncNow_ShowsTheRunsCountsAndSkippedReasons_ThenARefusedTokenSaysWhichSettingToFix()
    {
        var suffix = Random.Shared.Next(100_000, 999_999).ToString();
        host.HubSpot.Search("companies",
            [HubSpotFake.Company(suffix + "1", "Harbour Hotels", "tier_1", Monday)],
            [HubSpotFake.Company(suffix + "2", "Nameless Tier Ltd", null, Monday.AddMinutes(1))]);
        host.HubSpot.Owners();
        host.HubSpot.Search("contacts");
        host.HubSpot.Search("deals");

        var page = await host.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/#/crm");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "CRM sync" })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("crm-empty")).ToContainTextAsync("No sync has run yet");
        await DesignerHost.AssertAccessibleAsync(page, "crm-empty");

        await page.GetByTestId("crm-sync-now").ClickAsync();
        var report = page.GetByTestId("crm-report");
        await Expect(report).ToContainTextAsync(": completed", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("crm-runs").Locator("tbody tr")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("crm-created").First).ToHaveTextAsync("1");
        await Expect(report).ToContainTextAsync("4 pages read"); // companies in two pages, contacts and deals in one each
        var skipped = page.GetByTestId("crm-skipped");
        await Expect(skipped).ToContainTextAsync(suffix + "2");
        await Expect(skipped).ToContainTextAsync("no tier: the company property 'hs_ideal_customer_profile' is empty");
        Assert.Equal("Harbour Hotels", (string)(await host.GetJsonAsync($"/api/accounts/hubspot-{suffix}1"))["name"]!);
        await DesignerHost.AssertAccessibleAsync(page, "crm-report");
        await host.ScreenshotAsync(page, "crm-1-synced");

        host.HubSpot.RefuseToken();
        await page.GetByTestId("crm-sync-now").ClickAsync();
        await Expect(page.GetByTestId("crm-error")).ToContainTextAsync("Crm:HubSpot:AccessToken", new() { Timeout = 60_000 });
        await Expect(page.GetByTestId("crm-runs").Locator("tbody tr")).ToHaveCountAsync(2);
        await Expect(page.GetByTestId("crm-sync-now")).ToBeEnabledAsync();
        await host.ScreenshotAsync(page, "crm-2-refused");
    }
}
