using System.Text.Json.Nodes;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

[Collection(DesignerCollection.Name)]
public sealed class DesignerVersionsTests(DesignerHost host)
{
    [Fact]
    public async Task Versions_DiffTwoVersionsThenRevert_DraftIsTheOldVersion()
    {
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", Playbooks.WaitForOpened("e2e-versions"));
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-versions/publish", new { note = "first" });
        var v2 = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(Playbooks.WaitForOpened("e2e-versions")))!.AsObject();
        v2["steps"]![0]!["timeout"] = "P14D";
        v2["steps"]!.AsArray().RemoveAt(2);
        v2["steps"]!.AsArray().Add(new JsonObject { ["id"] = "nudge", ["type"] = "wait", ["duration"] = "P1D", ["position"] = new JsonObject { ["x"] = 150, ["y"] = 200 } });
        v2["connections"]![1]!["to"] = "nudge";
        await host.SendJsonAsync(HttpMethod.Put, "/api/playbooks/e2e-versions/draft", v2);
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-versions/publish", new { note = "second: nudge instead of giving up" });

        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/p/e2e-versions/history");
        await Expect(page.GetByTestId("versions")).ToContainTextAsync("second: nudge instead of giving up");
        await page.GetByLabel("Compare from").SelectOptionAsync("1");
        await page.GetByLabel("Compare to").SelectOptionAsync("2");
        var diff = page.GetByTestId("diff");
        await Expect(diff).ToContainTextAsync("step nudge (wait) added");
        await Expect(diff).ToContainTextAsync("step gave-up (end) removed");
        await Expect(diff).ToContainTextAsync("step wait-opened changed: timeout");
        await page.GetByTestId("versions").GetByRole(AriaRole.Listitem).Filter(new() { HasText = "v1" }).GetByRole(AriaRole.Button, new() { Name = "View" }).ClickAsync();
        await Expect(page.Locator(".version-view .react-flow__node")).ToHaveCountAsync(3);
        await host.ScreenshotAsync(page, "07-versions-diff");

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await page.GetByTestId("versions").GetByRole(AriaRole.Listitem).Filter(new() { HasText = "v1" }).GetByRole(AriaRole.Button, new() { Name = "Revert to this" }).ClickAsync();
        await Expect(page.GetByTestId("toast")).ToContainTextAsync("copy of version 1");
        await Expect(page.GetByTestId("node-gave-up")).ToBeVisibleAsync();
        var draft = (await host.GetJsonAsync("/api/playbooks/e2e-versions"))["draft"]!;
        Assert.Equal("P7D", (string)draft["steps"]![0]!["timeout"]!);
    }
}
