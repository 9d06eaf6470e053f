using System.Text.Json.Nodes;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>
/// "My work" as the CSM Dana: the shipped win-back's cause task grouped by due day with its account's context,
/// completed through its result form (a missing required cause refused beside the field, then completed and the
/// playbook resumes), snoozed and commented; reassigned by ops. Axe finds nothing serious on the screen or the form.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerWorkbenchTests(DesignerHost host)
{
    private const string Account = "e2e-wb-client";
    private const string CauseTitle = "Record why Workbench Client AG is at-risk";

    private async Task StartWinBackAsync()
    {
        host.CopyShippedTemplates();
        var winBack = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(DesignerHost.RepositoryRoot(), "workflows", "win-back.json")))!.AsObject();
        winBack["id"] = "e2e-wb-win-back";
        winBack["trigger"] = new JsonObject { ["type"] = "manual" };
        await host.SendJsonAsync(HttpMethod.Put, $"/api/csms/{DesignerHost.CsmId}", new { name = "Dana Reyes", email = "dana.reyes@vendor.example", touchModel = "high" });
        await host.SendJsonAsync(HttpMethod.Put, "/api/csms/e2e-wb-omar", new { name = "Omar Haddad", email = "omar.haddad@vendor.example", touchModel = "high" });
        await host.SendJsonAsync(HttpMethod.Put, $"/api/accounts/{Account}", new
        {
            name = "Workbench Client AG", tier = "KA", stage = "at-risk", timeZone = "Europe/Berlin", csmId = DesignerHost.CsmId,
            contract = new { start = "2025-07-01", end = "2026-06-30" },
            contacts = new[] { new { id = "c1", name = "Ana Buyer", email = "ana@wb-client.example", role = "decision-maker" } },
        });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", winBack);
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-wb-win-back/publish", new { note = "v1" });
        // A second, later task for the same account: the workbench groups it under "Later".
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", new
        {
            id = "e2e-wb-later", name = "E2E later", trigger = new { type = "manual" },
            steps = new object[] { new { id = "plan", type = "createTask", assignee = "csm", title = "Plan the QBR with {{ account.name }}", due = "P30D", position = new { x = 0, y = 0 } } },
        });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-wb-later/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-wb-win-back/enrolments", new { accountId = Account });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-wb-later/enrolments", new { accountId = Account });
        await host.PollJsonAsync($"/api/tasks?account={Account}&status=open", j => j["items"]!.AsArray().Count == 2);
    }

    private async Task<JsonNode> TaskAsync(string stepId) =>
        (await host.PollJsonAsync($"/api/tasks?account={Account}", j => j["items"]!.AsArray().Any(t => (string?)t!["stepId"] == stepId)))["items"]!
            .AsArray().First(t => (string?)t!["stepId"] == stepId)!;

    [Fact]
    public async Task MyWork_CsmCompletesWinBackCauseThroughItsForm_SnoozesAndComments_OpsReassigns()
    {
        await StartWinBackAsync();
        var page = await host.NewPageAsync(role: "csm");
        await page.GotoAsync($"{host.BaseUrl}/#/tasks");

        // Grouped by due day, the must-complete cause task with its account's context and a link to the account.
        var cause = page.GetByTestId("group-week").GetByTestId("task").Filter(new() { HasText = CauseTitle });
        await Expect(cause.GetByTestId("task-required")).ToHaveTextAsync("must complete");
        var context = cause.GetByTestId("task-account");
        await Expect(context.GetByRole(AriaRole.Link, new() { Name = "Workbench Client AG" })).ToHaveAttributeAsync("href", $"/#/accounts/{Account}");
        await Expect(context).ToContainTextAsync("TierKA");
        await Expect(context).ToContainTextAsync("Stageat-risk");
        await Expect(context).ToContainTextAsync("Contract ends2026-06-30");
        await Expect(context).ToContainTextAsync("Open must-complete1");
        await Expect(page.GetByTestId("group-later").GetByTestId("task").Filter(new() { HasText = "Plan the QBR with Workbench Client AG" })).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("group-overdue")).ToContainTextAsync("Nothing overdue.");
        await host.ScreenshotAsync(page, "31-my-work-grouped");
        await DesignerHost.AssertAccessibleAsync(page, "My work");

        // The form: the cause is a choice of the eight causes; leaving it out is refused beside the field, nothing changes.
        await cause.GetByRole(AriaRole.Button, new() { Name = $"Complete “{CauseTitle}”" }).ClickAsync();
        var form = cause.GetByTestId("task-form");
        var choice = form.GetByLabel("Why is the customer at risk or lost? (required)");
        await Expect(choice.Locator("option")).ToHaveCountAsync(9);
        await form.GetByLabel("What the customer said").FillAsync("New CFO reviews every tool.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Expect(form.GetByTestId("field-error-cause")).ToBeVisibleAsync();
        await Expect(choice).ToHaveAttributeAsync("aria-invalid", "true");
        await host.ScreenshotAsync(page, "32-task-form-refused");
        await DesignerHost.AssertAccessibleAsync(page, "task result form");
        var causeTask = await TaskAsync("ask-cause");
        Assert.Equal("open", (string)(await host.GetJsonAsync($"/api/tasks/{causeTask["id"]}"))["status"]!);

        await choice.SelectOptionAsync("management-changed");
        await form.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Expect(page.GetByTestId("toast")).ToContainTextAsync($"Completed: {CauseTitle}");
        var completed = await host.GetJsonAsync($"/api/tasks/{causeTask["id"]}");
        Assert.Equal("completed", (string)completed["status"]!);
        Assert.Equal("management-changed", (string)completed["result"]!["cause"]!);
        Assert.Equal("New CFO reviews every tool.", (string)completed["result"]!["note"]!);
        // The playbook resumed: recorded the cause and switched to its remedy task.
        var remedy = await TaskAsync("remedy-management-changed");
        Assert.Equal("management-changed", (string)(await host.PollJsonAsync($"/api/accounts/{Account}", a => a["reasons"] is not null))["reasons"]!["churn"]!["cause"]!);

        // Snooze the remedy task to a date: it leaves the groups for "Snoozed"; its due date stays.
        await page.GetByRole(AriaRole.Button, new() { Name = "Refresh" }).ClickAsync();
        var remedyCard = page.GetByTestId("task").Filter(new() { HasText = (string)remedy["title"]! });
        var until = DateTime.UtcNow.AddDays(3).ToString("yyyy-MM-dd");
        await remedyCard.GetByLabel("Snooze until").FillAsync(until);
        await remedyCard.GetByRole(AriaRole.Button, new() { Name = "Snooze" }).ClickAsync();
        await Expect(page.GetByTestId("group-snoozed").GetByTestId("task").Filter(new() { HasText = (string)remedy["title"]! })).ToContainTextAsync($"snoozed until {until}");
        var snoozed = await host.GetJsonAsync($"/api/tasks/{remedy["id"]}");
        Assert.StartsWith(until, (string)snoozed["snoozedUntil"]!);
        Assert.Equal((string)remedy["dueAt"]!, (string)snoozed["dueAt"]!);

        // A comment, kept with the task.
        var snoozedCard = page.GetByTestId("group-snoozed").GetByTestId("task").Filter(new() { HasText = (string)remedy["title"]! });
        await snoozedCard.GetByRole(AriaRole.Button, new() { Name = "Comments" }).ClickAsync();
        await snoozedCard.GetByLabel($"Comment on {(string)remedy["title"]!}").FillAsync("Call the new CFO on Monday.");
        await snoozedCard.GetByRole(AriaRole.Button, new() { Name = "Add comment" }).ClickAsync();
        await Expect(snoozedCard.GetByTestId("task-comment")).ToContainTextAsync("Call the new CFO on Monday.");
        Assert.Equal("Call the new CFO on Monday.", (string)(await host.GetJsonAsync($"/api/tasks/{remedy["id"]}/comments"))[0]!["text"]!);
        await host.ScreenshotAsync(page, "33-my-work-snoozed-commented");

        // Ops reassigns the later task to Omar; a CSM is offered no reassign.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Reassign" })).ToHaveCountAsync(0);
        var ops = await host.NewPageAsync();
        await ops.GotoAsync($"{host.BaseUrl}/#/tasks");
        var later = ops.GetByTestId("task").Filter(new() { HasText = "Plan the QBR with Workbench Client AG" });
        await later.GetByLabel("Reassign to").SelectOptionAsync("e2e-wb-omar");
        await later.GetByRole(AriaRole.Button, new() { Name = "Reassign" }).ClickAsync();
        await Expect(ops.GetByTestId("toast")).ToContainTextAsync("Reassigned to e2e-wb-omar");
        var plan = await TaskAsync("plan");
        Assert.Equal("e2e-wb-omar", (string)plan["assignee"]!["csmId"]!);
        await DesignerHost.AssertAccessibleAsync(ops, "My work (ops)");
    }
}
