using System.Text.Json.Nodes;
using CsPlaybooks.Designer.Tests.Support;
using CsPlaybooks.Engine.Validation;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>
/// Every playbook shipped in workflows/ opens clean in the editor: each step shows exactly the outcomes the engine
/// declares for it (customer-success steps included), none is marked unknown, and a wide switch's labels do not overlap.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerShippedPlaybooksTests(DesignerHost host)
{
    public static TheoryData<string> Shipped() =>
        [.. Directory.GetFiles(Path.Combine(DesignerHost.RepositoryRoot(), "workflows"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order()];

    [Theory]
    [MemberData(nameof(Shipped))]
    public async Task ShippedPlaybook_OpensWithTheEnginesOutcomesAndNoUnknownHandle(string file)
    {
        var repoWorkflows = Path.Combine(DesignerHost.RepositoryRoot(), "workflows");
        host.CopyShippedTemplates();
        var json = await File.ReadAllTextAsync(Path.Combine(repoWorkflows, file + ".json"));
        var compiled = host.Services.GetRequiredService<PlaybookCompiler>().Compile(json);
        Assert.True(compiled.IsValid, string.Join("; ", compiled.Errors.Select(e => $"{e.StepId}.{e.Field}: {e.Message}")));
        var playbook = compiled.Playbook!;

        // Saved under its own id with a suffix, so each test run's playbook is new.
        var definition = JsonNode.Parse(json)!.AsObject();
        var id = $"{playbook.Definition.Id}-{Guid.NewGuid():N}"[..(playbook.Definition.Id.Length + 9)];
        definition["id"] = id;
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", definition);

        var page = await host.NewPageAsync(width: 2800, height: 1500);
        await page.GotoAsync($"{host.BaseUrl}/#/p/{id}");
        // Loading the editor and the first server check take a few seconds on a busy machine.
        await Expect(page.GetByTestId("problems")).ToContainTextAsync("No problems", new() { Timeout = 30_000 });
        // Every step in view (the canvas renders only the steps in view), as a person opening it would with "Fit view".
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit view", Exact = true }).ClickAsync();
        foreach (var (stepId, step) in playbook.Steps)
        {
            var node = page.GetByTestId($"node-{stepId}");
            await Expect(node).ToBeVisibleAsync();
            var shown = await node.Locator(".outcome").EvaluateAllAsync<string[]>("els => els.map(e => e.dataset.outcome)");
            Assert.True(step.Outcomes.SequenceEqual(shown), $"{stepId} ({step.Type.Type}): engine {string.Join(",", step.Outcomes)}, designer {string.Join(",", shown)}");
            await AssertLabelsApartAsync(node, stepId);
        }
        await Expect(page.Locator(".outcome.stray")).ToHaveCountAsync(0);
        await host.ScreenshotAsync(page, $"30-shipped-{file}");
    }

    /// <summary>No two outcome labels of a step overlap (a nine-case switch included).</summary>
    private static async Task AssertLabelsApartAsync(ILocator node, string stepId)
    {
        var boxes = await node.Locator(".outcome-label").EvaluateAllAsync<double[][]>(
            "els => els.map(e => { const r = e.getBoundingClientRect(); return [r.left, r.right]; })");
        for (var i = 1; i < boxes.Length; i++)
            Assert.True(boxes[i - 1][1] <= boxes[i][0], $"{stepId}: outcome labels {i - 1} and {i} overlap ({boxes[i - 1][1]} > {boxes[i][0]})");
    }
}
