using System.Text.RegularExpressions;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>
/// "My work" for ops: a CSM picked by typing part of the name opens that CSM's workbench, the choice is in the address
/// (<c>#/tasks?csm=ID</c>, a link that opens the same view); a CSM has no picker and sees their own. Axe on the picker.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerWorkbenchPickerTests(DesignerHost host)
{
    private const string Priya = "e2e-pick-priya";
    private const string Account = "e2e-pick-account";
    private const string Title = "Kick-off call with Picker Labs";

    private async Task PriyasTaskAsync()
    {
        await host.SendJsonAsync(HttpMethod.Put, $"/api/csms/{Priya}", new { name = "Priya Picker", email = "priya.picker@vendor.example", touchModel = "mid" });
        await host.SendJsonAsync(HttpMethod.Put, $"/api/accounts/{Account}", new { name = "Picker Labs", tier = "ordinary", timeZone = "Europe/Berlin", csmId = Priya });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", new
        {
            id = "e2e-pick-kickoff", name = "E2E picker kick-off", trigger = new { type = "manual" },
            steps = new object[] { new { id = "call", type = "createTask", assignee = "csm", title = "Kick-off call with {{ account.name }}", due = "P3D", position = new { x = 0, y = 0 } } },
        });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-pick-kickoff/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-pick-kickoff/enrolments", new { accountId = Account });
        await host.PollJsonAsync($"/api/tasks?account={Account}&status=open", j => j["items"]!.AsArray().Count == 1);
    }

    [Fact]
    public async Task Ops_PicksACsmByTyping_SeesTheirWorkbench_ChoiceInTheAddress_CsmHasNoPicker()
    {
        await PriyasTaskAsync();
        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/tasks");
        var picker = page.GetByTestId("workbench-csm-picker");
        await page.GetByLabel("Find CSM").FillAsync("priya pi");
        var choice = page.GetByLabel("Workbench of");
        await Expect(choice.Locator("option")).ToHaveCountAsync(2); // "Everyone" and the one match
        await choice.SelectOptionAsync(Priya);
        await Expect(page).ToHaveURLAsync(new Regex($"#/tasks\\?csm={Priya}$"));
        await Expect(page.GetByTestId("tasks-heading")).ToHaveTextAsync("Work of Priya Picker");
        await Expect(page.GetByTestId("group-week").GetByTestId("task")).ToHaveCountAsync(1);
        await Expect(page.GetByTestId("group-week").GetByTestId("task")).ToContainTextAsync(Title);
        await host.ScreenshotAsync(page, "workbench-picker-priya");
        await DesignerHost.AssertAccessibleAsync(page, "My work, another CSM's");

        // The address opens the same view; "Everyone" takes the parameter away.
        var again = await host.NewPageAsync();
        await again.GotoAsync($"{host.BaseUrl}/#/tasks?csm={Priya}");
        await Expect(again.GetByTestId("tasks-heading")).ToHaveTextAsync("Work of Priya Picker");
        await Expect(again.GetByLabel("Workbench of")).ToHaveValueAsync(Priya);
        await again.GetByLabel("Workbench of").SelectOptionAsync("");
        await Expect(again).ToHaveURLAsync(new Regex("#/tasks$"));
        await Expect(again.GetByTestId("tasks-heading")).Not.ToContainTextAsync("Priya");

        // A CSM sees their own work, with no picker, even from Priya's link.
        var csm = await host.NewPageAsync(role: "csm");
        await csm.GotoAsync($"{host.BaseUrl}/#/tasks?csm={Priya}");
        await Expect(csm.GetByTestId("tasks-heading")).ToContainTextAsync("Dana Reyes");
        await Expect(csm.GetByTestId("workbench-csm-picker")).ToHaveCountAsync(0);
        await Expect(csm.GetByText(Title)).ToHaveCountAsync(0);
        await Expect(picker).ToBeVisibleAsync();
    }
}
