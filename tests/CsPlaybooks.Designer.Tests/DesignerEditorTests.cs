using System.Text.Json.Nodes;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

[Collection(DesignerCollection.Name)]
public sealed class DesignerEditorTests(DesignerHost host)
{
    [Fact]
    public async Task BuildPlaybook_DragConnectFixSavePublish_VersionExistsInApi()
    {
        var page = await host.NewPageAsync(signedIn: false);
        await page.GotoAsync(host.BaseUrl + "/");

        // Sign in: a wrong password is refused with advice, the right one opens the playbook list.
        await page.GetByLabel("Email").FillAsync(DesignerHost.OpsEmail);
        await page.GetByLabel("Password").FillAsync("not the password");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("form-error")).ToContainTextAsync("The email or password is wrong");
        await page.GetByLabel("Password").FillAsync(DesignerHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Playbooks" })).ToBeVisibleAsync();
        await host.ScreenshotAsync(page, "01-playbook-list-empty");

        // New playbook.
        const string id = "e2e-onboarding";
        await page.GetByTestId("new-id").FillAsync(id);
        await page.GetByTestId("new-name").FillAsync("E2E onboarding");
        await page.GetByTestId("new-create").ClickAsync();
        await Expect(page.Locator(".canvas-empty")).ToBeVisibleAsync();

        // A wait step dragged from the palette: its missing duration shows as a problem on the node.
        await CanvasDriver.DropStepAsync(page, "wait", 300, 80);
        await Expect(page.GetByTestId("node-wait")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("node-wait").GetByTestId("node-problem")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("duration");
        await host.ScreenshotAsync(page, "02-editor-validation-error");

        // Fix it in the properties panel with the duration picker ("7 days" → P7D).
        await page.GetByLabel("Duration: amount").FillAsync("7");
        await Expect(page.GetByTestId("prop-duration")).ToContainTextAsync("P7D");
        await Expect(page.GetByTestId("node-wait").GetByTestId("node-problem")).ToHaveCountAsync(0);

        // More steps, then connect outcomes through their labelled handles.
        await CanvasDriver.DropStepAsync(page, "waitForEvent", 300, 260);
        await Expect(page.GetByTestId("node-wait-for-event")).ToBeVisibleAsync();
        await page.GetByTestId("prop-event").FillAsync("account.opened");
        await page.GetByLabel("Timeout: amount").FillAsync("3");
        await Expect(page.Locator(".react-flow__handle[data-nodeid='wait-for-event'][data-handleid='timeout']")).ToBeVisibleAsync();
        await CanvasDriver.DropStepAsync(page, "end", 160, 440);
        await CanvasDriver.DropStepAsync(page, "end", 480, 440);
        await Expect(page.GetByTestId("node-end-2")).ToBeVisibleAsync();

        await CanvasDriver.ConnectAndWaitAsync(page, "wait", "done", "wait-for-event");
        await CanvasDriver.ConnectAndWaitAsync(page, "wait-for-event", "received", "end");
        await CanvasDriver.ConnectAndWaitAsync(page, "wait-for-event", "timeout", "end-2");
        await host.ScreenshotAsync(page, "03a-editor-after-connect");
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("No problems");
        await host.ScreenshotAsync(page, "03-editor-connected");

        // Save: the draft on the server has the steps, positions and outcomes.
        await page.GetByTestId("save").ClickAsync();
        await Expect(page.GetByTestId("toast")).ToContainTextAsync("draft is saved");
        var draft = (await host.GetJsonAsync($"/api/playbooks/{id}"))["draft"]!;
        Assert.Equal(["wait", "wait-for-event", "end", "end-2"], draft["steps"]!.AsArray().Select(s => (string)s!["id"]!));
        Assert.Equal("P7D", (string)draft["steps"]![0]!["duration"]!);
        Assert.Equal("P3D", (string)draft["steps"]![1]!["timeout"]!);
        Assert.NotNull(draft["steps"]![0]!["position"]!["x"]);
        var connections = draft["connections"]!.AsArray().Select(c => $"{c!["from"]}:{c["outcome"] ?? "done"}->{c["to"]}").Order().ToArray();
        Assert.Equal(["wait-for-event:received->end", "wait-for-event:timeout->end-2", "wait:done->wait-for-event"], connections);

        // Publish with a note: the API then shows version 1.
        await page.GetByTestId("publish").ClickAsync();
        await page.GetByTestId("publish-note").FillAsync("First version from the e2e test");
        await page.GetByTestId("publish-confirm").ClickAsync();
        await Expect(page.GetByTestId("toast")).ToContainTextAsync("Published version 1");
        var versions = (await host.GetJsonAsync($"/api/playbooks/{id}/versions")).AsArray();
        Assert.Single(versions);
        Assert.Equal(1, (int)versions[0]!["version"]!);
        Assert.Equal("First version from the e2e test", (string)versions[0]!["note"]!);
        await Expect(page.GetByTestId("playbook-state")).ToContainTextAsync("published v1");
        await host.ScreenshotAsync(page, "04-editor-published");

        // Undo / redo: deleting the end step and undoing brings it and its connection back.
        await page.GetByTestId("node-end-2").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page.GetByTestId("node-end-2")).ToHaveCountAsync(0);
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(2);
        await page.Keyboard.PressAsync("Control+z");
        await Expect(page.GetByTestId("node-end-2")).ToBeVisibleAsync();
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(3);
        await page.Keyboard.PressAsync("Control+y");
        await Expect(page.GetByTestId("node-end-2")).ToHaveCountAsync(0);
    }
}
