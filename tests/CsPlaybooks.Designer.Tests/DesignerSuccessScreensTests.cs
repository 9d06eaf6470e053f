using System.Text.Json.Nodes;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>The Accounts, My tasks and Emails screens against data made through the API.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerSuccessScreensTests(DesignerHost host)
{
    private static object Account(string name) => new
    {
        name, tier = "KA", stage = "onboarding", timeZone = "Europe/Berlin",
        csm = new { id = "csm-1", name = "Casey CSM", email = "casey@vendor.example" },
        contract = new { start = "2026-01-01", end = "2027-01-01" },
        contacts = new[] { new { id = "c1", name = "Dana", email = "dana@acme.test", role = "decision-maker" } },
    };

    private static object Day(string date, int active) =>
        new { date, activeUsers = active, materialInput = 10, contentOutput = 5, featuresUsed = new[] { "editor", "reports" }, apiCalls = 5 };

    private static object OneStep(string id, object step) => new
    {
        id, name = "E2E " + id, trigger = new { type = "manual" },
        steps = new[] { step, new { id = "done", type = "end", position = new { x = 0, y = 200 } } },
        connections = new[] { new { from = (string)step.GetType().GetProperty("id")!.GetValue(step)!, to = "done" } },
    };

    private async Task PublishAndEnrolAsync(string playbookId, object definition, string accountId)
    {
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", definition);
        await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/{playbookId}/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/{playbookId}/enrolments", new { accountId });
    }

    [Fact]
    public async Task Accounts_DetailShowsHealthIndicatorsAndTimeline()
    {
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-health", Account("Healthy Corp"));
        await host.SendJsonAsync(HttpMethod.Post, "/api/accounts/e2e-health/usage", new[] { Day("2026-03-02", 8), Day("2026-03-03", 8) });
        await PublishAndEnrolAsync("e2e-account-wait", Playbooks.WaitForOpened("e2e-account-wait"), "e2e-health");

        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Accounts" }).ClickAsync();
        var row = page.GetByTestId("account-table").GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-health" });
        await Expect(row).ToContainTextAsync("KA");
        await Expect(row).ToContainTextAsync("onboarding");
        await Expect(row).ToContainTextAsync("Casey CSM");
        await host.ScreenshotAsync(page, "10-accounts");
        await row.GetByRole(AriaRole.Link, new() { Name = "Healthy Corp" }).ClickAsync();

        await Expect(page.GetByTestId("account-stage")).ToHaveTextAsync("onboarding");
        var indicators = page.GetByTestId("health-indicators");
        await Expect(indicators.GetByRole(AriaRole.Row)).ToHaveCountAsync(6); // header + five indicators
        await Expect(indicators).ToContainTextAsync("Activity");
        await Expect(indicators).ToContainTextAsync("30 %");
        await Expect(page.GetByTestId("account-contacts")).ToContainTextAsync("Dana");
        var timeline = page.GetByTestId("account-timeline");
        await Expect(timeline).ToContainTextAsync("change");
        await Expect(timeline).ToContainTextAsync("api: e2e");
        await Expect(timeline).ToContainTextAsync("e2e-account-wait v1, step wait-opened");
        await host.ScreenshotAsync(page, "11-account-detail");

        // The active playbook links to its runtime view with this account's instance open.
        var active = page.GetByTestId("account-instances");
        await Expect(active).ToContainTextAsync("waiting at wait-opened");
        await active.GetByRole(AriaRole.Link, new() { Name = "e2e-account-wait v1" }).ClickAsync();
        var detail = page.GetByTestId("instance-detail");
        await Expect(detail).ToContainTextAsync("e2e-health");
        await Expect(detail.GetByTestId("journal")).ToContainTextAsync("account.opened");
    }

    [Fact]
    public async Task MyTasks_CompleteATaskFromAPlaybook()
    {
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-tasks", Account("Tasky Ltd"));
        await PublishAndEnrolAsync("e2e-task", OneStep("e2e-task", new
        {
            id = "call", type = "createTask", assignee = "sales", title = "Call {{ account.name }}", due = "P3D", position = new { x = 0, y = 0 },
        }), "e2e-tasks");
        var tasks = await host.PollJsonAsync("/api/tasks?account=e2e-tasks", j => j["items"]!.AsArray().Count > 0);
        var taskId = (string)tasks["items"]![0]!["id"]!;

        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/tasks");
        await Expect(page.GetByTestId("signed-in")).ToHaveTextAsync($"Signed in as {DesignerHost.OpsEmail} · ops");
        await Expect(page.GetByTestId("tasks-heading")).ToHaveTextAsync("All tasks (ops view)");
        var task = page.GetByTestId("task").Filter(new() { HasText = "Call Tasky Ltd" });
        await Expect(task.GetByRole(AriaRole.Link, new() { Name = "Tasky Ltd" })).ToHaveAttributeAsync("href", "/#/accounts/e2e-tasks");
        await task.GetByRole(AriaRole.Button, new() { Name = "Complete “Call Tasky Ltd”" }).ClickAsync();
        await task.GetByLabel("Note (optional)").FillAsync("Reached Dana, all good");
        await host.ScreenshotAsync(page, "12-my-tasks");
        await task.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Expect(page.GetByTestId("toast")).ToContainTextAsync("Completed: Call Tasky Ltd");
        await Expect(page.GetByTestId("task").Filter(new() { HasText = "Call Tasky Ltd" })).ToHaveCountAsync(0);

        var completed = await host.GetJsonAsync($"/api/tasks/{taskId}");
        Assert.Equal("completed", (string)completed["status"]!);
        await page.GetByTestId("task-filter-completed").CheckAsync();
        await Expect(page.GetByTestId("task").Filter(new() { HasText = "Call Tasky Ltd" })).ToContainTextAsync("completed");
    }

    [Fact]
    public async Task Emails_SentEmailIsListedAndRendered()
    {
        host.WriteTemplate("e2e-hello", "Hello from {{ account.name }}", "Dear {{ recipient.name }}, welcome aboard.");
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-mail", Account("Mailer GmbH"));
        await PublishAndEnrolAsync("e2e-mail", OneStep("e2e-mail", new
        {
            id = "hello", type = "sendEmail", template = "e2e-hello", to = new[] { "decision-maker" }, category = "operational", position = new { x = 0, y = 0 },
        }), "e2e-mail");
        await host.PollJsonAsync("/api/emails?accountId=e2e-mail", j => j["items"]!.AsArray().Any(e => (string?)e!["state"] == "sent"));

        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Emails" }).ClickAsync();
        await page.GetByLabel("State").SelectOptionAsync("sent");
        var row = page.GetByTestId("email-table").GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-mail" });
        await Expect(row).ToContainTextAsync("sent");
        await row.GetByRole(AriaRole.Link, new() { Name = "Hello from Mailer GmbH" }).ClickAsync();
        var view = page.GetByTestId("email-view");
        await Expect(view).ToContainTextAsync("dana@acme.test");
        await Expect(view.GetByTestId("email-text")).ToContainTextAsync("Dear Dana, welcome aboard.");
        await Expect(view.GetByTestId("email-state-text")).ToContainTextAsync("sent");
        await host.ScreenshotAsync(page, "13-emails");
    }
}
