using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>My tasks signed in with a CSM key or a viewer key: whose inbox it is, what is listed, what may be completed.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerTaskInboxTests(DesignerHost host)
{
    /// <summary>One createTask step ("Kick-off call with {account}", for the given assignee) and an end.</summary>
    private static object TaskPlaybook(string id, string assignee) => new
    {
        id, name = "E2E " + id, trigger = new { type = "manual" },
        steps = new object[]
        {
            new { id = "kick-off", type = "createTask", assignee, title = "Kick-off call with {{ account.name }}", due = "P3D", position = new { x = 0, y = 0 } },
            new { id = "done", type = "end", position = new { x = 0, y = 200 } },
        },
        connections = new[] { new { from = "kick-off", to = "done" } },
    };

    private async Task<string> TaskIdAsync(string accountId)
    {
        var tasks = await host.PollJsonAsync($"/api/tasks?account={accountId}", j => j["items"]!.AsArray().Count > 0);
        return (string)tasks["items"]![0]!["id"]!;
    }

    [Fact]
    public async Task MyTasks_CsmKey_ListsAndCompletesOnlyItsOwnTasks()
    {
        const string dana = DesignerHost.CsmKeyCsmId, omar = "e2e-omar";
        await host.SendJsonAsync(HttpMethod.Put, $"/api/csms/{dana}", new { name = "Dana Reyes", email = "dana.reyes@vendor.example", touchModel = "high" });
        await host.SendJsonAsync(HttpMethod.Put, $"/api/csms/{omar}", new { name = "Omar Haddad", email = "omar.haddad@vendor.example", touchModel = "high" });
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-inbox-dana", new { name = "Reyes Client GmbH", tier = "KA", timeZone = "Europe/Berlin", csmId = dana });
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-inbox-omar", new { name = "Haddad Client Ltd", tier = "KA", timeZone = "Europe/Berlin", csmId = omar });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", TaskPlaybook("e2e-inbox", "csm"));
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-inbox/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-inbox/enrolments", new { accountId = "e2e-inbox-dana" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-inbox/enrolments", new { accountId = "e2e-inbox-omar" });
        var danasTask = await TaskIdAsync("e2e-inbox-dana");
        var omarsTask = await TaskIdAsync("e2e-inbox-omar");
        Assert.Equal(omar, (string)(await host.GetJsonAsync($"/api/tasks/{omarsTask}"))["assignee"]!["csmId"]!);

        var page = await host.NewPageAsync(apiKey: DesignerHost.CsmKey);
        await page.GotoAsync($"{host.BaseUrl}/#/tasks");
        await Expect(page.GetByTestId("signed-in")).ToHaveTextAsync("Signed in as dana key (Dana Reyes) · csm");
        await Expect(page.GetByTestId("tasks-heading")).ToHaveTextAsync("Tasks for Dana Reyes (CSM)");
        var mine = page.GetByTestId("task").Filter(new() { HasText = "Kick-off call with Reyes Client GmbH" });
        await Expect(mine).ToContainTextAsync($"for {dana}");
        // The list has loaded (Dana's task is there): Omar's task is not, nor anybody else's.
        await Expect(page.GetByTestId("task").Filter(new() { HasText = "Haddad Client Ltd" })).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("task").Filter(new() { HasNotText = $"for {dana}" })).ToHaveCountAsync(0);
        await host.ScreenshotAsync(page, "18-my-tasks-csm");

        await mine.GetByRole(AriaRole.Button, new() { Name = "Complete “Kick-off call with Reyes Client GmbH”" }).ClickAsync();
        await mine.GetByRole(AriaRole.Button, new() { Name = "Mark completed" }).ClickAsync();
        await Expect(page.GetByTestId("toast")).ToContainTextAsync("Completed: Kick-off call with Reyes Client GmbH");
        await Expect(mine).ToHaveCountAsync(0);

        var completed = await host.GetJsonAsync($"/api/tasks/{danasTask}");
        Assert.Equal("completed", (string)completed["status"]!);
        Assert.Equal(dana, (string)completed["completedBy"]!);
        Assert.Equal("open", (string)(await host.GetJsonAsync($"/api/tasks/{omarsTask}"))["status"]!);
    }

    [Fact]
    public async Task MyTasks_ViewerKey_SeesAllTasksButOffersNoComplete()
    {
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-inbox-viewer", new { name = "Viewed Corp", tier = "KA", timeZone = "Europe/Berlin" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", TaskPlaybook("e2e-inbox-viewer", "sales"));
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-inbox-viewer/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-inbox-viewer/enrolments", new { accountId = "e2e-inbox-viewer" });
        var taskId = await TaskIdAsync("e2e-inbox-viewer");

        var page = await host.NewPageAsync(apiKey: DesignerHost.ViewerKey);
        await page.GotoAsync($"{host.BaseUrl}/#/tasks");
        await Expect(page.GetByTestId("signed-in")).ToHaveTextAsync("Signed in as e2e viewer · viewer");
        await Expect(page.GetByTestId("tasks-heading")).ToHaveTextAsync("All tasks (viewer, read-only)");
        await Expect(page.GetByTestId("tasks-readonly")).ToContainTextAsync("viewer role: it can read every task but not complete one");
        var task = page.GetByTestId("task").Filter(new() { HasText = "Kick-off call with Viewed Corp" });
        await Expect(task).ToContainTextAsync("for sales");
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Complete") })).ToHaveCountAsync(0);
        await host.ScreenshotAsync(page, "19-my-tasks-viewer");
        Assert.Equal("open", (string)(await host.GetJsonAsync($"/api/tasks/{taskId}"))["status"]!);
    }
}
