using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

[Collection(DesignerCollection.Name)]
public sealed class DesignerSimulationTests(DesignerHost host)
{
    [Fact]
    public async Task Simulate_EventOnDay3_TimelineShowsWaitReceivedAndEnd()
    {
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", Playbooks.WaitForOpened("e2e-sim"));
        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/p/e2e-sim/simulate");

        await Expect(page.GetByTestId("sample-account")).ToBeVisibleAsync();
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync("Acme Simulated");
        await page.GetByTestId("sim-start").FillAsync("2026-01-05");
        await page.GetByTestId("sim-until").FillAsync("2026-03-01");
        await page.GetByTestId("add-event").ClickAsync();
        await page.GetByTestId("event-day-0").FillAsync("3");
        await page.GetByTestId("event-name-0").FillAsync("account.opened");
        await page.GetByTestId("run-simulation").ClickAsync();

        var timeline = page.GetByTestId("timeline");
        await Expect(timeline).ToContainTextAsync("Status: completed");
        var entries = timeline.GetByTestId("timeline-entry");
        await Expect(entries.Filter(new() { HasText = "instance.started" })).ToHaveCountAsync(1);
        await Expect(entries.Filter(new() { HasText = "waiting for account.opened" })).ToHaveCountAsync(1);
        var received = entries.Filter(new() { HasText = "received account.opened" });
        await Expect(received).ToHaveCountAsync(1);
        await Expect(received.Locator(".time")).ToHaveTextAsync("09:00");
        await Expect(entries.Filter(new() { HasText = "instance.completed" })).ToContainTextAsync("welcome-done");
        // Dated list: the event lands on 8 January (start + 3 days), under its own day heading.
        await Expect(timeline.Locator("time[datetime='2026-01-08']")).ToBeVisibleAsync();
        await host.ScreenshotAsync(page, "05-simulation");

        // Without the event the wait times out after 7 days.
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove event 1" }).ClickAsync();
        await page.GetByTestId("run-simulation").ClickAsync();
        await Expect(entries.Filter(new() { HasText = "instance.completed" })).ToContainTextAsync("gave-up");
        await Expect(timeline.Locator("time[datetime='2026-01-12']")).ToBeVisibleAsync();
    }
}
