using System.Net;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>Ops manage people and API keys in the browser; a viewer sees a designer that changes nothing.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerPeopleTests(DesignerHost host)
{
    private async Task<string> TaskIdAsync(string accountId) =>
        (string)(await host.PollJsonAsync($"/api/tasks?account={accountId}", j => j["items"]!.AsArray().Count > 0))["items"]![0]!["id"]!;

    [Fact]
    public async Task Invitation_CsmSetsPassword_SeesOnlyTheirTasks_ThenRoleChangedAndDeactivated()
    {
        var suffix = Guid.NewGuid().ToString("N")[..6];
        var ines = $"e2e-ines-{suffix}";
        var email = $"ines.{suffix}@example.com";
        await host.SendJsonAsync(HttpMethod.Put, $"/api/csms/{ines}", new { name = "Ines Ortega", email = $"ines.{suffix}@vendor.example", touchModel = "high" });
        await host.SendJsonAsync(HttpMethod.Put, $"/api/accounts/e2e-ines-{suffix}", new { name = "Ortega Kunde AG", tier = "KA", timeZone = "Europe/Berlin", csmId = ines });
        await host.SendJsonAsync(HttpMethod.Put, $"/api/accounts/e2e-dana-{suffix}", new { name = "Reyes Other Client", tier = "KA", timeZone = "Europe/Berlin", csmId = DesignerHost.CsmId });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", Playbooks.KickOffTask($"e2e-invite-{suffix}", "csm"));
        await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/e2e-invite-{suffix}/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/e2e-invite-{suffix}/enrolments", new { accountId = $"e2e-ines-{suffix}" });
        await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/e2e-invite-{suffix}/enrolments", new { accountId = $"e2e-dana-{suffix}" });
        await TaskIdAsync($"e2e-ines-{suffix}");
        await TaskIdAsync($"e2e-dana-{suffix}");

        // Ops invites Ines as a csm acting as her CSM record.
        var ops = await host.NewPageAsync();
        await ops.GotoAsync(host.BaseUrl + "/#/users");
        await Expect(ops.GetByRole(AriaRole.Heading, new() { Name = "Users", Exact = true })).ToBeVisibleAsync();
        var form = ops.GetByTestId("invite-form");
        await form.GetByLabel("Email").FillAsync(email);
        await form.GetByLabel("Name (optional)").FillAsync("Ines Ortega");
        await form.GetByLabel("Role").SelectOptionAsync("csm");
        await form.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        await Expect(ops.Locator("#invite-csm-error")).ToContainTextAsync("csmId");
        await form.GetByLabel("Acts as CSM").SelectOptionAsync(ines);
        await form.GetByRole(AriaRole.Button, new() { Name = "Invite" }).ClickAsync();
        var inviteUrl = await ops.GetByTestId("invite-url").TextContentAsync();
        Assert.StartsWith(host.BaseUrl + "/invite?token=", inviteUrl);
        await Expect(ops.GetByTestId("pending-table")).ToContainTextAsync(email);
        await DesignerHost.AssertAccessibleAsync(ops, "users");
        await host.ScreenshotAsync(ops, "auth-03-users");

        // Ines opens the link, sets a password, and lands on her own tasks.
        var csm = await host.NewPageAsync(signedIn: false);
        await csm.GotoAsync(inviteUrl!);
        await Expect(csm.GetByRole(AriaRole.Heading, new() { Name = "Accept your invitation" })).ToContainTextAsync("invitation");
        await Expect(csm.GetByText("with the csm role")).ToBeVisibleAsync();
        await DesignerHost.AssertAccessibleAsync(csm, "accept invitation");
        await csm.GetByLabel("New password").FillAsync("ines password 2026");
        await csm.GetByRole(AriaRole.Button, new() { Name = "Set password and sign in" }).ClickAsync();
        await Expect(csm.GetByTestId("signed-in")).ToHaveTextAsync($"Signed in as {email} (Ines Ortega) · csm");
        await Expect(csm.GetByTestId("tasks-heading")).ToHaveTextAsync("Tasks for Ines Ortega (CSM)");
        await Expect(csm.GetByTestId("task").Filter(new() { HasText = "Ortega Kunde AG" })).ToHaveCountAsync(1);
        await Expect(csm.GetByTestId("task").Filter(new() { HasNotText = $"for {ines}" })).ToHaveCountAsync(0);
        await Expect(csm.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);

        // Ops changes her role, then deactivates her: her open session ends at once.
        await ops.ReloadAsync();
        var row = ops.GetByTestId("user-row").Filter(new() { HasText = email });
        await Expect(row).ToContainTextAsync("active");
        await row.GetByLabel("Role of Ines Ortega").SelectOptionAsync("viewer");
        await row.GetByRole(AriaRole.Button, new() { Name = "Save role" }).ClickAsync();
        await Expect(ops.GetByTestId("toast")).ToContainTextAsync("Ines Ortega is now viewer");
        Assert.Equal("viewer", (string)(await host.UserAsync(email))["role"]!);
        await row.GetByRole(AriaRole.Button, new() { Name = "Deactivate Ines Ortega" }).ClickAsync();
        await Expect(row).ToContainTextAsync("deactivated");
        Assert.False((bool)(await host.UserAsync(email))["active"]!);
        await csm.ReloadAsync();
        await Expect(csm.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task ApiKey_CreatedInTheDesigner_ShownOnceWorks_RevokedRefused()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/#/keys");
        await page.GetByLabel("Name (what uses it)").FillAsync("CRM sync e2e");
        await page.GetByTestId("create-key-form").GetByLabel("Role").SelectOptionAsync("integration");
        await page.GetByLabel("Expires").SelectOptionAsync("30");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create key" }).ClickAsync();
        var key = (await page.GetByTestId("new-key").TextContentAsync())!;
        Assert.StartsWith("csp_", key);
        var row = page.GetByTestId("key-row").Filter(new() { HasText = "CRM sync e2e" });
        await Expect(row).ToContainTextAsync(key[..12] + "…");
        await Expect(row).ToContainTextAsync("integration");
        await Expect(row).ToContainTextAsync("never"); // not used yet
        await DesignerHost.AssertAccessibleAsync(page, "API keys");
        await host.ScreenshotAsync(page, "auth-04-api-keys");

        // The key works, as the role it was given.
        using var system = new HttpClient { BaseAddress = new Uri(host.BaseUrl) };
        system.DefaultRequestHeaders.Add("X-Api-Key", key);
        var me = System.Text.Json.Nodes.JsonNode.Parse(await system.GetStringAsync("/api/me"))!;
        Assert.Equal(("key", "integration", "CRM sync e2e"), ((string)me["kind"]!, (string)me["role"]!, (string)me["name"]!));
        Assert.True((await system.PutAsync("/api/accounts/e2e-key-account", System.Net.Http.Json.JsonContent.Create(new { name = "Keyed Corp", tier = "KA", timeZone = "Europe/Berlin" }))).IsSuccessStatusCode);

        // Shown once: hidden on request, and never again after a reload.
        await page.GetByRole(AriaRole.Button, new() { Name = "I have copied it — hide the key" }).ClickAsync();
        await Expect(page.GetByTestId("new-key")).ToHaveCountAsync(0);
        await page.ReloadAsync();
        await Expect(row).ToBeVisibleAsync();
        Assert.DoesNotContain(key, await page.ContentAsync());

        page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await row.GetByRole(AriaRole.Button, new() { Name = "Revoke CRM sync e2e" }).ClickAsync();
        await Expect(row).ToContainTextAsync("revoked");
        Assert.Equal(HttpStatusCode.Unauthorized, (await system.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Viewer_SeesPlaybooksReadOnly_CannotChangeAnything()
    {
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", Playbooks.WaitForOpened("e2e-viewer-pb", "Viewer sees this"));
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks/e2e-viewer-pb/publish", new { note = "v1" });
        var page = await host.NewPageAsync(role: "viewer");

        await page.GotoAsync(host.BaseUrl + "/");
        await Expect(page.GetByTestId("playbook-table")).ToContainTextAsync("Viewer sees this");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New playbook" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Users" })).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "API keys" })).ToHaveCountAsync(0);

        await page.GotoAsync(host.BaseUrl + "/#/p/e2e-viewer-pb");
        await Expect(page.GetByTestId("read-only")).ToContainTextAsync("your role (viewer) can look at playbooks but not change them");
        await Expect(page.GetByTestId("node-wait-opened")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("save")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("publish")).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Simulate" })).ToHaveCountAsync(0);
        await page.GetByRole(AriaRole.Link, new() { Name = "Versions" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "View" }).First).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Revert to this" })).ToHaveCountAsync(0);
        await page.GotoAsync(host.BaseUrl + "/#/users");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Only the ops role manages users and API keys");

        // The server refuses the changes the screens no longer offer, and says which role they need.
        var draft = await PageFetch.SendAsync(page, "PUT", "/api/playbooks/e2e-viewer-pb/draft", Playbooks.WaitForOpened("e2e-viewer-pb", "Changed by a viewer"));
        Assert.Equal(403, draft.Status);
        Assert.Equal(403, (await PageFetch.SendAsync(page, "POST", "/api/playbooks/e2e-viewer-pb/publish", new { note = "v2" })).Status);
        Assert.Equal(403, (await PageFetch.SendAsync(page, "GET", "/api/users")).Status);
        var playbook = await host.GetJsonAsync("/api/playbooks/e2e-viewer-pb");
        Assert.False((bool)playbook["hasDraft"]!);
        Assert.Equal(1, (int)playbook["latestVersion"]!);
    }
}
