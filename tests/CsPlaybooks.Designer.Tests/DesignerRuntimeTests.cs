using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

[Collection(DesignerCollection.Name)]
public sealed class DesignerRuntimeTests(DesignerHost host)
{
    [Fact]
    public async Task Runtime_RunningInstance_CountOnStepJournalAndCancel()
    {
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-acme", new
        {
            name = "Acme", tier = "KA", timeZone = "Europe/Berlin",
            contract = new { start = "2026-01-01", end = "2027-01-01" },
            contacts = new[] { new { name = "Dana", email = "dana@acme.test", role = "decision-maker" } },
        });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", Playbooks.WaitForOpened("e2e-runtime"));
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-runtime/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-runtime/enrolments", new { accountId = "e2e-acme" });

        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/");
        var row = page.GetByTestId("playbook-table").GetByRole(AriaRole.Row).Filter(new() { HasText = "e2e-runtime" });
        await Expect(row).ToContainTextAsync("v1: 1");
        await row.GetByRole(AriaRole.Link, new() { Name = "runtime" }).ClickAsync();

        // One account waits at the wait-for-event step: the count is on the node.
        await Expect(page.GetByTestId("node-wait-opened").GetByTestId("node-runtime")).ToContainTextAsync("1 waiting");
        var instance = page.GetByTestId("instances").GetByRole(AriaRole.Button).Filter(new() { HasText = "e2e-acme" });
        await Expect(instance).ToContainTextAsync("waiting at wait-opened");
        await instance.ClickAsync();
        var detail = page.GetByTestId("instance-detail");
        await Expect(detail.GetByTestId("journal")).ToContainTextAsync("account.opened");
        await host.ScreenshotAsync(page, "06-runtime");

        // Cancel (confirming the dialog): the instance is cancelled in the API.
        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await detail.GetByRole(AriaRole.Button, new() { Name = "Cancel instance" }).ClickAsync();
        await Expect(detail).ToContainTextAsync("cancelled");
        var instances = await host.GetJsonAsync("/api/instances?playbookId=e2e-runtime");
        Assert.Equal("cancelled", (string)instances["items"]![0]!["status"]!);
    }
}
