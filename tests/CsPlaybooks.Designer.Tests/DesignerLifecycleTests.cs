using System.Text.Json.Nodes;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>The Simulate tab's whole-lifecycle mode: a stored account through the published playbooks together, by month and by playbook.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerLifecycleTests(DesignerHost host)
{
    /// <summary>A manual playbook: a welcome email and a task titled "{title} with {account}".</summary>
    private static object Growth(string title) => new
    {
        id = "e2e-lc-grow", name = "LC Growth", trigger = new { type = "manual" },
        steps = new object[]
        {
            new { id = "welcome", type = "sendEmail", template = "e2e-lc-welcome", to = new[] { "decision-maker" }, category = "operational", position = new { x = 0, y = 0 } },
            new { id = "qbr", type = "createTask", assignee = "csm", title = title + " with {{ account.name }}", due = "P14D", position = new { x = 0, y = 150 } },
        },
        connections = new[] { new { from = "welcome", to = "qbr" } },
    };

    [Fact]
    public async Task Lifecycle_SeededAccount_EntriesOfTwoPlaybooksByMonthWithLegend()
    {
        host.WriteTemplate("e2e-lc-welcome", "Welcome {{ account.name }}", "Glad to have you.");
        // Onboarding (on account.signed): a kick-off task, 30 days, then it starts the growth playbook (a manual one).
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", new
        {
            id = "e2e-lc-onboard", name = "LC Onboarding", trigger = new { type = "event", @event = "e2e.lc.signed" },
            steps = new object[]
            {
                new { id = "kick-off", type = "createTask", assignee = "csm", title = "Kick-off with {{ account.name }}", due = "P3D", position = new { x = 0, y = 0 } },
                new { id = "settle", type = "wait", duration = "P30D", position = new { x = 0, y = 150 } },
                new { id = "grow", type = "startPlaybook", playbook = "e2e-lc-grow", position = new { x = 0, y = 300 } },
            },
            connections = new[] { new { from = "kick-off", to = "settle" }, new { from = "settle", to = "grow" } },
        });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", Growth("Plan a QBR"));
        foreach (var id in new[] { "e2e-lc-onboard", "e2e-lc-grow" }) await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/{id}/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Put, "/api/playbooks/e2e-lc-grow/draft", Growth("Plan the first QBR"));
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-lc-acme", new
        {
            name = "Lifecycle Acme", tier = "KA", stage = "onboarding", timeZone = "UTC", csmId = DesignerHost.CsmId,
            contract = new { start = "2026-03-01", end = "2027-03-01" },
            contacts = new[] { new { id = "dm", name = "Dee", email = "dee@lifecycle-acme.example", role = "decision-maker" } },
        });

        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/p/e2e-lc-grow/simulate");
        await page.GetByTestId("sim-mode-lifecycle").CheckAsync();
        await page.GetByLabel("Existing account").CheckAsync();
        await page.GetByLabel("Find account").FillAsync("Lifecycle Ac");
        await Expect(page.Locator("#sim-account option[value='e2e-lc-acme']")).ToHaveCountAsync(1);
        await page.Locator("#sim-account").SelectOptionAsync("e2e-lc-acme");
        await page.GetByTestId("sim-start").FillAsync("2026-03-02");
        await page.GetByTestId("sim-until").FillAsync("2026-05-01");
        await page.GetByTestId("add-event").ClickAsync();
        await page.GetByTestId("event-day-0").FillAsync("1");
        await page.GetByTestId("event-name-0").FillAsync("e2e.lc.signed");
        // Both playbooks are chosen by default, the edited one as its saved draft; first as published.
        await Expect(page.GetByLabel("LC Onboarding (e2e-lc-onboard")).ToBeCheckedAsync();
        await Expect(page.GetByLabel("LC Growth (e2e-lc-grow")).ToBeCheckedAsync();
        await Expect(page.GetByTestId("lifecycle-use-draft")).ToBeCheckedAsync();
        await page.GetByTestId("lifecycle-use-draft").UncheckAsync();
        var run = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("run-simulation").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/simulations/lifecycle"));
        Assert.Equal(200, run.Status);

        var timeline = page.GetByTestId("lifecycle-timeline");
        var legend = page.GetByTestId("lifecycle-legend");
        await Expect(legend.Locator("li[data-playbook='e2e-lc-onboard']")).ToContainTextAsync("LC Onboarding");
        await Expect(legend.Locator("li[data-playbook='e2e-lc-grow']")).ToContainTextAsync("LC Growth");
        // March: signed on the 3rd, the kick-off task; April: 30 days later onboarding starts growth, its email and task.
        var march = timeline.Locator("[data-testid=lifecycle-month][data-month='2026-03']");
        var april = timeline.Locator("[data-testid=lifecycle-month][data-month='2026-04']");
        await Expect(march.Locator("h3")).ToContainTextAsync("March 2026");
        await Expect(april.Locator("h3")).ToContainTextAsync("April 2026");
        await Expect(march.Locator("[data-playbook='e2e-lc-onboard']").Filter(new() { HasText = "task.created" })).ToHaveCountAsync(1);
        await Expect(march.Locator("[data-playbook='e2e-lc-grow']")).ToHaveCountAsync(0);
        var growthInApril = april.Locator("[data-playbook='e2e-lc-grow']");
        await Expect(growthInApril.Filter(new() { HasText = "email.sent" })).ToHaveCountAsync(1);
        await Expect(growthInApril.Filter(new() { HasText = "task.created" })).ToHaveCountAsync(1);
        // Every entry names its playbook in text, not only by colour.
        await Expect(growthInApril.First.Locator(".playbook-badge")).ToContainTextAsync("LC Growth");
        await Expect(growthInApril.Filter(new() { HasText = "task.created" })).ToContainTextAsync("Plan a QBR with Lifecycle Acme");

        // The page shows what the API answered: every entry, by playbook.
        var body = JsonNode.Parse(run.Request.PostData!)!;
        Assert.Null(body["playbooks"]);
        var answer = JsonNode.Parse(await run.TextAsync())!;
        var entries = answer["timeline"]!.AsArray();
        await Expect(timeline.GetByTestId("lifecycle-entry")).ToHaveCountAsync(entries.Count);
        foreach (var id in new[] { "e2e-lc-onboard", "e2e-lc-grow" })
        {
            var count = entries.Count(e => (string?)e!["playbook"] == id);
            Assert.True(count > 0, $"{id} has entries");
            await Expect(legend.Locator($"li[data-playbook='{id}']")).ToContainTextAsync($"{count} entries");
            await Expect(timeline.Locator($"[data-testid=lifecycle-entry][data-playbook='{id}']")).ToHaveCountAsync(count);
        }

        await DesignerHost.AssertAccessibleAsync(page, "whole-lifecycle simulation");
        await host.ScreenshotAsync(page, "lifecycle-timeline");

        // The edited playbook's saved draft in place of its published version.
        await page.GetByTestId("lifecycle-use-draft").CheckAsync();
        var withDraft = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("run-simulation").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/simulations/lifecycle"));
        Assert.Contains(JsonNode.Parse(withDraft.Request.PostData!)!["playbooks"]!.AsArray(), p => (string)p!["id"]! == "e2e-lc-grow" && (string)p["version"]! == "draft");
        await Expect(legend.Locator("li[data-playbook='e2e-lc-grow']")).ToContainTextAsync("draft");
        await Expect(growthInApril.Filter(new() { HasText = "task.created" })).ToContainTextAsync("Plan the first QBR with Lifecycle Acme");

        // Only the chosen playbook: the growth playbook alone never starts (nothing starts a manual playbook).
        await page.GetByLabel("LC Onboarding (e2e-lc-onboard").UncheckAsync();
        var only = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("run-simulation").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/simulations/lifecycle"));
        Assert.DoesNotContain(JsonNode.Parse(only.Request.PostData!)!["playbooks"]!.AsArray(), p => (string)p!["id"]! == "e2e-lc-onboard");
        await Expect(legend.Locator("li[data-playbook='e2e-lc-onboard']")).ToHaveCountAsync(0);
        await Expect(timeline.Locator("[data-testid=lifecycle-entry][data-playbook='e2e-lc-grow']")).ToHaveCountAsync(0);
    }
}
