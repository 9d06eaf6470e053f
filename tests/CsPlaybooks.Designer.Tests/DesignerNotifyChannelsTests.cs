using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>The notify step's channels are chosen from the ones the host offers (inbox, Slack, Teams), not typed.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerNotifyChannelsTests(DesignerHost host)
{
    [Fact]
    public async Task NotifyStep_ChannelsAreCheckboxes_SavedAsTheirList()
    {
        var id = $"e2e-notify-{Guid.NewGuid():N}"[..20];
        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/new/{id}?name=Notify%20channels");
        await Expect(page.Locator(".canvas-empty")).ToBeVisibleAsync();
        await CanvasDriver.DropStepAsync(page, "notify", 300, 80);
        await Expect(page.GetByTestId("node-notify")).ToBeVisibleAsync();

        var channels = page.GetByTestId("prop-channels");
        await Expect(channels.GetByRole(AriaRole.Checkbox)).ToHaveCountAsync(3);
        await channels.GetByLabel("slack").CheckAsync();
        await channels.GetByLabel("inbox").CheckAsync();
        await page.GetByTestId("prop-to").SelectOptionAsync("csm");
        await page.GetByTestId("prop-message").FillAsync("Account {{ account.name }} needs a call");
        await DesignerHost.AssertAccessibleAsync(page, "notify channels");
        await host.ScreenshotAsync(page, "notify-channels");

        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByTestId("toast")).ToContainTextAsync("draft is saved");
        var step = (await host.GetJsonAsync($"/api/playbooks/{id}"))["draft"]!["steps"]![0]!;
        // The schema's order, whatever the order of the clicks.
        Assert.Equal(["inbox", "slack"], step["channels"]!.AsArray().Select(c => (string)c!));

        if (!await channels.IsVisibleAsync()) await page.GetByTestId("node-notify").ClickAsync();
        await channels.GetByLabel("inbox").UncheckAsync();
        await channels.GetByLabel("slack").UncheckAsync();
        await page.GetByTestId("save").ClickAsync();
        // None ticked: the setting is left out, so the step notifies the inbox (its default).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await host.GetJsonAsync($"/api/playbooks/{id}"))["draft"]!["steps"]![0]!["channels"] is not null)
        {
            Assert.True(DateTime.UtcNow < deadline, "the draft still lists channels after saving none");
            await Task.Delay(200);
        }
    }
}
