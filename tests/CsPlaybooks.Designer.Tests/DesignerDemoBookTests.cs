using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>A host of its own with people but no accounts: the book is empty, as on a first run.</summary>
public sealed class EmptyBookDesignerHost : DesignerHost;

/// <summary>Issue 10 item 5 in the browser: an empty book offers the demo book, loading shows progress, the banner marks it, removal empties the book.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerDemoBookTests(EmptyBookDesignerHost host) : IClassFixture<EmptyBookDesignerHost>
{
    [Fact]
    public async Task EmptyBook_LoadDemoFromTheButton_AccountsAndBanner_RemoveEmptiesTheBook()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/#/accounts");
        var offer = page.GetByTestId("demo-empty");
        await Expect(offer).ToContainTextAsync("clearly marked sample");
        await Expect(page.GetByText("No accounts yet.")).ToBeVisibleAsync();
        await DesignerHost.AssertAccessibleAsync(page, "demo-empty");
        await host.ScreenshotAsync(page, "demo-1-empty-book");

        await page.GetByRole(AriaRole.Button, new() { Name = "Load the demo book" }).ClickAsync();
        await Expect(page.GetByTestId("demo-progress")).ToContainTextAsync("Loading the demo book");
        await host.ScreenshotAsync(page, "demo-2-loading");

        // Loading writes 60 accounts with 90 days of usage each: minutes on a busy test machine.
        await Expect(page.GetByTestId("demo-banner")).ToContainTextAsync("Demo data loaded", new() { Timeout = 600_000 });
        await Expect(page.GetByTestId("account-count")).ToContainTextAsync("of 60");
        await Expect(page.GetByTestId("account-table")).ToContainTextAsync("(demo)");
        await Expect(page.GetByTestId("demo-empty")).ToHaveCountAsync(0);
        await DesignerHost.AssertAccessibleAsync(page, "demo-loaded");
        await host.ScreenshotAsync(page, "demo-3-loaded");

        // A viewer sees the banner but cannot remove the demo data.
        var viewer = await host.NewPageAsync(role: "viewer");
        await viewer.GotoAsync(host.BaseUrl + "/#/accounts");
        await Expect(viewer.GetByTestId("demo-banner")).ToContainTextAsync("An ops user can remove it.");
        await Expect(viewer.GetByTestId("demo-remove")).ToHaveCountAsync(0);

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove demo data" }).ClickAsync();
        await Expect(page.GetByTestId("demo-empty")).ToBeVisibleAsync(new() { Timeout = 300_000 });
        await Expect(page.GetByText("No accounts yet.")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("demo-banner")).ToHaveCountAsync(0);
        Assert.Equal(0, (int)(await host.GetJsonAsync("/api/accounts"))["total"]!);
        Assert.Equal(0, (int)(await host.GetJsonAsync("/api/demo"))["csms"]!);
        await host.ScreenshotAsync(page, "demo-4-removed");
    }
}
