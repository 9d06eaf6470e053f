using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>My tasks signed in as a CSM or a viewer: whose inbox it is, what is listed, what may be completed.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerTaskInboxTests(DesignerHost host)
{
    private async Task<string> TaskIdAsync(string accountId)
    {
        var tasks = await host.PollJsonAsync($"/api/tasks?account={accountId}", j => j["items"]!.AsArray().Count > 0);
        return (string)tasks["items"]![0]!["id"]!;
    }

    [Fact]
    public async Task MyTasks_CsmUser_ListsAndCompletesOnlyTheirOwnTasks()
    {
        const string dana = DesignerHost.CsmId, omar = "e2e-omar";
        await host.SendJsonAsync(HttpMethod.Put, $"/api/csms/{dana}", new { name = "Dana Reyes", email = "dana.reyes@vendor.example", touchModel = "high" });
        await host.SendJsonAsync(HttpMethod.Put, $"/api/csms/{omar}", new { name = "Omar Haddad", email = "omar.haddad@vendor.example", touchModel = "high" });
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-inbox-dana", new { name = "Reyes Client GmbH", tier = "KA", timeZone = "Europe/Berlin", csmId = dana });
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-inbox-omar", new { name = "Haddad Client Ltd", tier = "KA", timeZone = "Europe/Berlin", csmId = omar });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", Playbooks.KickOffTask("e2e-inbox", "csm"));
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-inbox/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-inbox/enrolments", new { accountId = "e2e-inbox-dana" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-inbox/enrolments", new { accountId = "e2e-inbox-omar" });
        var danasTask = await TaskIdAsync("e2e-inbox-dana");
        var omarsTask = await TaskIdAsync("e2e-inbox-omar");
        Assert.Equal(omar, (string)(await host.GetJsonAsync($"/api/tasks/{omarsTask}"))["assignee"]!["csmId"]!);

        var page = await host.NewPageAsync(role: "csm");
        await page.GotoAsync($"{host.BaseUrl}/#/tasks");
        await Expect(page.GetByTestId("signed-in")).ToHaveTextAsync($"Signed in as {DesignerHost.CsmEmail} (Dana Reyes) · csm");
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
    public async Task MyTasks_Viewer_SeesAllTasksButOffersNoComplete()
    {
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-inbox-viewer", new { name = "Viewed Corp", tier = "KA", timeZone = "Europe/Berlin" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", Playbooks.KickOffTask("e2e-inbox-viewer", "sales"));
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-inbox-viewer/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-inbox-viewer/enrolments", new { accountId = "e2e-inbox-viewer" });
        var taskId = await TaskIdAsync("e2e-inbox-viewer");

        var page = await host.NewPageAsync(role: "viewer");
        await page.GotoAsync($"{host.BaseUrl}/#/tasks");
        await Expect(page.GetByTestId("signed-in")).ToHaveTextAsync($"Signed in as {DesignerHost.ViewerEmail} · viewer");
        await Expect(page.GetByTestId("tasks-heading")).ToHaveTextAsync("All tasks (viewer, read-only)");
        await Expect(page.GetByTestId("tasks-readonly")).ToContainTextAsync("viewer role: it can read every task but not complete one");
        var task = page.GetByTestId("task").Filter(new() { HasText = "Kick-off call with Viewed Corp" });
        await Expect(task).ToContainTextAsync("for sales");
        await Expect(page.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Complete") })).ToHaveCountAsync(0);
        await host.ScreenshotAsync(page, "19-my-tasks-viewer");
        Assert.Equal("open", (string)(await host.GetJsonAsync($"/api/tasks/{taskId}"))["status"]!);
    }
}
