using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>The migration wizard from the runtime view: map a renamed waiting step, dry run, apply.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerMigrationTests(DesignerHost host)
{
    /// <summary>A 30-day wait (step <paramref name="waitId"/>) then an end.</summary>
    private static object LongWait(string id, string waitId) => new
    {
        id, name = "E2E migration", trigger = new { type = "manual" },
        steps = new object[]
        {
            new { id = waitId, type = "wait", duration = "P30D", position = new { x = 0, y = 0 } },
            new { id = "done", type = "end", position = new { x = 0, y = 200 } },
        },
        connections = new[] { new { from = waitId, to = "done" } },
    };

    [Fact]
    public async Task MigrationWizard_RenamedWaitStep_DryRunThenApplyMovesTheInstance()
    {
        const string playbook = "e2e-migrate", account = "e2e-migrate-acct";
        await host.SendJsonAsync(HttpMethod.Put, $"/api/accounts/{account}", new { name = "Migrating AG", tier = "KA", timeZone = "Europe/Berlin" });
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", LongWait(playbook, "cool-off"));
        await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/{playbook}/publish", new { note = "v1" });
        var enrolled = await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/{playbook}/enrolments", new { accountId = account });
        var instanceId = (string)enrolled!["instanceId"]!;
        var before = await host.PollJsonAsync($"/api/instances/{instanceId}",
            j => (string?)j["bookmarks"]!.AsArray().FirstOrDefault()?["stepId"] == "cool-off");
        var dueAt = (string)before["bookmarks"]![0]!["dueAt"]!;
        await host.SendJsonAsync(HttpMethod.Put, $"/api/playbooks/{playbook}/draft", LongWait(playbook, "settle-in"));
        await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/{playbook}/publish", new { note = "v2: cool-off renamed to settle-in" });

        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/p/{playbook}/runtime");
        await Expect(page.GetByTestId("runtime-version")).ToHaveValueAsync("1");
        await Expect(page.GetByTestId("instances")).ToContainTextAsync("waiting at cool-off");
        await page.GetByRole(AriaRole.Button, new() { Name = "Migrate instances…" }).ClickAsync();

        var wizard = page.GetByRole(AriaRole.Dialog, new() { Name = "Migrate running instances" });
        var apply = wizard.GetByRole(AriaRole.Button, new() { Name = "Apply migration" });
        var dryRun = wizard.GetByRole(AriaRole.Button, new() { Name = "Dry run" });
        var report = wizard.GetByTestId("migration-report");
        // Both versions are loaded once the step kept by id is mapped by default; the renamed one is not.
        await Expect(wizard.GetByLabel("Map done to")).ToHaveValueAsync("done");
        await Expect(wizard.GetByLabel("Map cool-off to")).ToHaveValueAsync("");
        await Expect(apply).ToBeDisabledAsync();

        // Default map: the waiting step has nowhere to land, so the instance is blocked and nothing can be applied.
        await dryRun.ClickAsync();
        await Expect(report).ToContainTextAsync("Dry run: 0 can move, 1 blocked");
        await Expect(report).ToContainTextAsync(account);
        await Expect(report).ToContainTextAsync("cool-off");
        await Expect(apply).ToBeDisabledAsync();

        await wizard.GetByLabel("Map cool-off to").SelectOptionAsync("settle-in");
        await Expect(apply).ToBeDisabledAsync();
        await dryRun.ClickAsync();
        await Expect(report).ToContainTextAsync("Dry run: 1 can move, 0 blocked");
        await Expect(report.GetByRole(AriaRole.Listitem).Filter(new() { HasText = account })).ToContainTextAsync("cool-off → settle-in");
        await Expect(apply).ToBeEnabledAsync();

        // Apply runs only the exact map that was dry-run: a changed map needs its own dry run; the checked map is applicable again.
        await wizard.GetByLabel("Map cool-off to").SelectOptionAsync("done");
        await Expect(apply).ToBeDisabledAsync();
        await Expect(apply).ToHaveAttributeAsync("title", "Run a dry run of this exact mapping first");
        await wizard.GetByLabel("Map cool-off to").SelectOptionAsync("settle-in");
        await Expect(apply).ToBeEnabledAsync();
        Assert.Equal(1, (int)(await host.GetJsonAsync($"/api/instances/{instanceId}"))["version"]!);   // a dry run changes nothing
        await host.ScreenshotAsync(page, "20-migration-dry-run");

        await apply.ClickAsync();
        await Expect(report).ToContainTextAsync("Applied: 1 can move, 0 blocked, 1 moved");
        await Expect(report).ToContainTextAsync("✓ moved");
        await Expect(wizard.GetByRole(AriaRole.Button, new() { Name = "Done" })).ToBeVisibleAsync();
        await host.ScreenshotAsync(page, "21-migration-applied");

        var after = await host.GetJsonAsync($"/api/instances/{instanceId}");
        Assert.Equal(2, (int)after["version"]!);
        Assert.Equal("running", (string)after["status"]!);
        var bookmark = after["bookmarks"]!.AsArray().Single()!;
        Assert.Equal("settle-in", (string)bookmark["stepId"]!);
        Assert.Equal(dueAt, (string)bookmark["dueAt"]!);   // the 30-day timer keeps its due time
    }
}
