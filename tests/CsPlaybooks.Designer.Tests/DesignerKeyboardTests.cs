using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>The editor without a mouse: palette entries, nodes and the properties panel's Connections selects by keyboard only.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerKeyboardTests(DesignerHost host)
{
    [Fact]
    public async Task BuildPlaybook_KeyboardOnly_ConnectionsSavedInDraft()
    {
        const string id = "e2e-keyboard";
        var page = await host.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/");
        await page.GetByTestId("new-id").FillAsync(id);
        await page.GetByTestId("new-name").FillAsync("E2E keyboard");
        await page.GetByTestId("new-name").PressAsync("Enter");
        await Expect(page.Locator(".canvas-empty")).ToBeVisibleAsync();

        // Tab reaches the palette; Enter adds the step at a free place and selects it (its form opens on the right).
        await TabToAsync(page, page.GetByTestId("palette-wait"));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByTestId("node-wait")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Step wait", Exact = true })).ToBeVisibleAsync();
        await page.GetByLabel("Duration: amount").FillAsync("7");

        await page.GetByTestId("palette-waitForEvent").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Step wait-for-event", Exact = true })).ToBeVisibleAsync();
        await page.GetByTestId("prop-event").FillAsync("account.opened");
        await page.GetByLabel("Timeout: amount").FillAsync("3");
        await page.GetByTestId("palette-end").PressAsync("Enter");
        await page.GetByTestId("palette-end").PressAsync("Enter");
        await page.GetByTestId("palette-end").PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Step end-3", Exact = true })).ToBeVisibleAsync();
        await AssertNoOverlapAsync(page, ["wait", "wait-for-event", "end", "end-2", "end-3"]);

        // Delete removes the selected, focused step.
        var end3 = Node(page, "end-3");
        await end3.FocusAsync();
        await page.Keyboard.PressAsync("Delete");
        await Expect(page.GetByTestId("node-end-3")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Playbook settings", Exact = true })).ToBeVisibleAsync();

        // Tab to a node, Enter selects it; its Connections section lists its outcomes.
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit view", Exact = true }).PressAsync("Enter");
        await TabToAsync(page, Node(page, "wait"));
        await Expect(Node(page, "wait").Locator(".step-node")).ToHaveCSSAsync("outline-style", "solid");
        await host.ScreenshotAsync(page, "14-editor-keyboard-node-focus");
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Step wait", Exact = true })).ToBeVisibleAsync();
        var done = page.GetByLabel("done connects to", new() { Exact = true });
        await TabToAsync(page, done);
        await done.SelectOptionAsync("wait-for-event");
        await Expect(page.GetByTestId("rf__edge-wait:done->wait-for-event")).ToHaveCountAsync(1);
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(1);

        await Node(page, "wait-for-event").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.GetByRole(AriaRole.Form, new() { Name = "Step wait-for-event", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByTestId("incoming")).ToContainTextAsync("Reached from: wait (done)");
        await page.GetByLabel("received connects to", new() { Exact = true }).SelectOptionAsync("end");
        await page.GetByLabel("timeout connects to", new() { Exact = true }).SelectOptionAsync("end");
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(3);
        // Re-pointed in place: timeout now goes to end-2.
        await page.GetByLabel("timeout connects to", new() { Exact = true }).SelectOptionAsync("end-2");
        await Expect(page.GetByTestId("rf__edge-wait-for-event:timeout->end-2")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("rf__edge-wait-for-event:timeout->end")).ToHaveCountAsync(0);

        // A parallel path from timeout, then removed again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a parallel path from timeout" }).PressAsync("Enter");
        var newPath = page.GetByLabel("timeout also connects to (new path)");
        await Expect(newPath).ToBeFocusedAsync();
        await newPath.SelectOptionAsync("end");
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(4);
        var path2 = page.GetByLabel("timeout also connects to (path 2)");
        await Expect(path2).ToBeFocusedAsync();
        await path2.SelectOptionAsync(new SelectOptionValue { Label = "— not connected —" });
        await Expect(page.Locator(".react-flow__edge")).ToHaveCountAsync(3);

        await CanvasDriver.SettledAsync(page);
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("No problems");
        await host.ScreenshotAsync(page, "15-editor-keyboard-connections");

        // Ctrl+S saves from anywhere, also from inside a select.
        await page.GetByLabel("timeout connects to", new() { Exact = true }).PressAsync("Control+s");
        await Expect(page.GetByTestId("toast")).ToContainTextAsync("draft is saved");
        var draft = (await host.GetJsonAsync($"/api/playbooks/{id}"))["draft"]!;
        Assert.Equal(["wait", "wait-for-event", "end", "end-2"], draft["steps"]!.AsArray().Select(s => (string)s!["id"]!));
        var connections = draft["connections"]!.AsArray().Select(c => $"{c!["from"]}:{c["outcome"] ?? "done"}->{c["to"]}").ToArray();
        Assert.Equal(["wait:done->wait-for-event", "wait-for-event:received->end", "wait-for-event:timeout->end-2"], connections);
        Assert.Null(draft["connections"]![0]!["outcome"]);
    }

    private static ILocator Node(IPage page, string id) => page.Locator($".react-flow__node[data-id='{id}']");

    /// <summary>Presses Tab until <paramref name="target"/> has the focus (fails after <paramref name="max"/> presses).</summary>
    private static async Task TabToAsync(IPage page, ILocator target, int max = 120)
    {
        for (var i = 0; i < max; i++)
        {
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
            await page.Keyboard.PressAsync("Tab");
        }
        Assert.Fail($"Tab did not reach {target} in {max} presses");
    }

    /// <summary>Steps added by keyboard do not pile up on each other.</summary>
    private static async Task AssertNoOverlapAsync(IPage page, string[] ids)
    {
        var boxes = new List<(string Id, LocatorBoundingBoxResult Box)>();
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit view", Exact = true }).PressAsync("Enter");
        await page.WaitForTimeoutAsync(400); // the fit animates for 300 ms
        foreach (var id in ids) boxes.Add((id, await Node(page, id).BoundingBoxAsync() ?? throw new InvalidOperationException($"{id} has no box")));
        foreach (var a in boxes)
            foreach (var b in boxes.Where(b => string.CompareOrdinal(a.Id, b.Id) < 0))
                Assert.False(a.Box.X < b.Box.X + b.Box.Width && b.Box.X < a.Box.X + a.Box.Width && a.Box.Y < b.Box.Y + b.Box.Height && b.Box.Y < a.Box.Y + a.Box.Height,
                    $"{a.Id} and {b.Id} overlap");
    }
}
