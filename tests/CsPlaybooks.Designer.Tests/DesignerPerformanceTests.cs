using System.Text.Json;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>
/// A 200-step playbook: time from navigation start until the canvas is drawn and until a click on a step is answered
/// (measured inside the page), opened cold (fresh browser profile: empty cache) and warm (after the playbook list, as a
/// user arrives); the time to show all 200 steps with "Fit view"; the latency of a real mouse click; frame timing while
/// dragging a step. Figures go to artifacts/performance.json and the test output.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerPerformanceTests(DesignerHost host, ITestOutputHelper output)
{
    private const int Steps = 200;
    private const int WarmRuns = 3;
    private static readonly List<(string From, string? Outcome, string To)> Connections = Playbooks.LargeConnections(Steps);

    /// <summary>
    /// Runs in the page from navigation start. Drawn: the minimap shows all 200 steps, every step node in the DOM is
    /// visible (measured or placed) and every connection between two of them is drawn. (The canvas renders only the steps
    /// in view; this playbook is too large to read fitted, so it opens at its first step at a readable zoom.)
    /// Interactive: a click on step s001, dispatched in that same frame, has selected it and its form shows its id — so
    /// a main thread still busy after the first paint counts too.
    /// </summary>
    private static readonly string OpenTimingScript = $$"""
        (() => {
          if (!location.hash.startsWith('#/p/')) return;
          const connections = {{JsonSerializer.Serialize(Connections.Select(c => new[] { c.From, c.To }))}};
          const t = window.__openTiming = {};
          const frame = () => {
            if (!t.rendered) {
              const nodes = [...document.querySelectorAll('.react-flow__node')];
              const ids = new Set(nodes.map((n) => n.dataset.id));
              const expected = connections.filter(([from, to]) => ids.has(from) && ids.has(to)).length;
              const drawn = document.querySelectorAll('.react-flow__edge').length;
              const target = document.querySelector('[data-testid="node-s001"]');
              if (target && expected > 0 && drawn >= expected && nodes.every((n) => n.style.visibility !== 'hidden')
                  && document.querySelectorAll('.react-flow__minimap-node').length >= {{Steps}}) {
                Object.assign(t, { rendered: performance.now(), nodes: nodes.length, edges: drawn });
                target.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, view: window }));
              }
            } else {
              const id = document.querySelector('[data-testid="prop-id"]');
              if (id && id.value === 's001') { t.interactive = performance.now(); return; }
            }
            requestAnimationFrame(frame);
          };
          requestAnimationFrame(frame);
        })();
        """;

    [Fact]
    public async Task LargePlaybook_200Steps_OpensFastAndDragsSmoothly()
    {
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", Playbooks.Large("e2e-large", Steps));
        var editorUrl = $"{host.BaseUrl}/#/p/e2e-large";

        var coldPage = await host.NewPageAsync();
        await coldPage.AddInitScriptAsync(OpenTimingScript);
        var cold = await OpenAsync(coldPage, editorUrl, "cold (empty cache)");
        await coldPage.Context.CloseAsync();

        var page = await host.NewPageAsync();
        await page.AddInitScriptAsync(OpenTimingScript);
        await page.GotoAsync($"{host.BaseUrl}/#/");
        await Expect(page.GetByTestId("playbook-table")).ToContainTextAsync("e2e-large");
        var warm = new List<OpenTiming>();
        for (var run = 1; run <= WarmRuns; run++)
            warm.Add(await OpenAsync(page, $"{host.BaseUrl}/?run={run}#/p/e2e-large", $"warm {run}"));
        await host.ScreenshotAsync(page, "08-large-playbook");

        var fitAllMs = await FitAllAsync(page);
        output.WriteLine($"\"Fit view\": all {Steps} steps and {Connections.Count} connections drawn {fitAllMs:F0} ms after the click (a 300 ms animation included)");
        await host.ScreenshotAsync(page, "08b-large-playbook-fitted");
        await page.GotoAsync($"{host.BaseUrl}/?run=drag#/p/e2e-large");
        await page.WaitForFunctionAsync("() => window.__openTiming && window.__openTiming.interactive");

        var clickMs = await RealClickLatencyAsync(page, "s002");
        output.WriteLine($"a real mouse click on a step answered in {clickMs:F0} ms");
        var drag = await DragAsync(page, "s001");
        output.WriteLine($"drag: 60 mouse moves in {drag.DragMs:F0} ms; {drag.Frames} frames; mean frame {drag.MeanFrameMs:F1} ms (~{1000 / drag.MeanFrameMs:F0} fps), p95 {drag.P95FrameMs:F1} ms, max {drag.MaxFrameMs:F1} ms, {drag.LongFrames} frames > 50 ms");

        var figures = new
        {
            steps = Steps, connections = Connections.Count,
            cold = new { renderedMs = Math.Round(cold.Rendered), interactiveMs = Math.Round(cold.Interactive), cold.StepsRendered, cold.ConnectionsDrawn },
            warm = warm.Select(w => new { renderedMs = Math.Round(w.Rendered), interactiveMs = Math.Round(w.Interactive), w.StepsRendered, w.ConnectionsDrawn }),
            fitAllMs = Math.Round(fitAllMs),
            realClickMs = Math.Round(clickMs),
            drag,
        };
        var json = JsonSerializer.Serialize(figures, new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase });
        await File.WriteAllTextAsync(Path.Combine(host.ArtifactsDir, "performance.json"), json);
        Console.WriteLine("designer performance: " + json.ReplaceLineEndings(" "));

        // The figures are measured and written above (performance.json); the 1 s target is reported there and in
        // bench/, not asserted here: a timing on a shared CI machine is not a behaviour. What is asserted is that a big
        // playbook opens, answers clicks and drags without hanging — bounds an order of magnitude above the target.
        Assert.True(warm.Min(w => w.Interactive) < 10_000, $"opening a {Steps}-step playbook did not become interactive within 10 s");
        Assert.True(cold.Interactive < 10_000, $"opening a {Steps}-step playbook with an empty cache did not become interactive within 10 s");
        Assert.True(fitAllMs < 10_000, $"showing all {Steps} steps with Fit view took {fitAllMs:F0} ms");
        Assert.True(clickMs < 5_000, $"a click on a step took {clickMs:F0} ms to show its properties");
        Assert.True(drag.MaxFrameMs < 5_000, $"the longest frame while dragging was {drag.MaxFrameMs:F1} ms");
    }

    private sealed record OpenTiming(double Rendered, double Interactive, int StepsRendered, int ConnectionsDrawn);

    private async Task<OpenTiming> OpenAsync(IPage page, string url, string label)
    {
        await page.GotoAsync(url);
        var timing = await page.WaitForFunctionAsync("() => window.__openTiming && window.__openTiming.interactive ? window.__openTiming : false",
            null, new() { PollingInterval = 20, Timeout = 30_000 });
        var t = await timing.JsonValueAsync<JsonElement>();
        var result = new OpenTiming(t.GetProperty("rendered").GetDouble(), t.GetProperty("interactive").GetDouble(),
            t.GetProperty("nodes").GetInt32(), t.GetProperty("edges").GetInt32());
        output.WriteLine($"{label}: canvas drawn {result.Rendered:F0} ms after navigation start ({result.StepsRendered} of {Steps} steps in view rendered, {result.ConnectionsDrawn} connections, all {Steps} in the minimap); a click on a step answered at {result.Interactive:F0} ms");
        Assert.InRange(result.StepsRendered, 10, Steps);
        return result;
    }

    /// <summary>Clicks "Fit view" and waits until every step and connection is drawn; milliseconds from the click.</summary>
    private static async Task<double> FitAllAsync(IPage page)
    {
        await page.EvaluateAsync("() => document.addEventListener('click', () => { window.__fitAt = performance.now(); }, { capture: true, once: true })");
        await page.GetByRole(AriaRole.Button, new() { Name = "Fit view", Exact = true }).ClickAsync();
        var done = await page.WaitForFunctionAsync(
            $"() => document.querySelectorAll('.react-flow__node').length >= {Steps} && document.querySelectorAll('.react-flow__edge').length >= {Connections.Count} ? performance.now() : false",
            null, new() { PollingInterval = 5 });
        return await done.JsonValueAsync<double>() - await page.EvaluateAsync<double>("window.__fitAt");
    }

    private static async Task<double> RealClickLatencyAsync(IPage page, string stepId)
    {
        await page.EvaluateAsync("() => document.addEventListener('pointerdown', () => { window.__clickAt = performance.now(); }, { capture: true, once: true })");
        var (x, y) = await CanvasDriver.CentreAsync(page.GetByTestId($"node-{stepId}"));
        await page.Mouse.ClickAsync(x, y);
        var answered = await page.WaitForFunctionAsync(
            $"() => {{ const el = document.querySelector('[data-testid=prop-id]'); return el && el.value === '{stepId}' ? performance.now() : false; }}",
            null, new() { PollingInterval = 5 });
        return await answered.JsonValueAsync<double>() - await page.EvaluateAsync<double>("window.__clickAt");
    }

    public sealed record DragFigures(int Moves, double DragMs, int Frames, double MeanFrameMs, double P95FrameMs, double MaxFrameMs, int LongFrames);

    /// <summary>
    /// Drags a step 300 px right and 150 px down in 60 mouse moves while recording every animation frame. The step is
    /// near the left of the view, so the drag stays inside it (no auto-panning, which would render further steps).
    /// </summary>
    private static async Task<DragFigures> DragAsync(IPage page, string stepId)
    {
        await page.EvaluateAsync("""
            () => {
              window.__frames = [];
              window.__recording = true;
              const tick = (t) => { if (!window.__recording) return; window.__frames.push(t); requestAnimationFrame(tick); };
              requestAnimationFrame(tick);
            }
            """);
        var node = page.GetByTestId($"node-{stepId}");
        var before = await node.BoundingBoxAsync();
        var (x, y) = await CanvasDriver.CentreAsync(node);
        var started = DateTime.UtcNow;
        await page.Mouse.MoveAsync(x, y);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(x + 300, y + 150, new() { Steps = 60 });
        await page.Mouse.UpAsync();
        var dragMs = (DateTime.UtcNow - started).TotalMilliseconds;
        var frames = await page.EvaluateAsync<double[]>("() => { window.__recording = false; return window.__frames; }");
        var after = await node.BoundingBoxAsync();
        Assert.True(after!.X - before!.X > 100, $"the step should have moved right (from {before.X} to {after.X})");

        var intervals = frames.Zip(frames.Skip(1), (a, b) => b - a).Order().ToArray();
        Assert.True(intervals.Length > 10, $"too few frames recorded ({frames.Length})");
        return new DragFigures(60, Math.Round(dragMs), frames.Length, Math.Round(intervals.Average(), 1),
            Math.Round(intervals[(int)Math.Ceiling(intervals.Length * 0.95) - 1], 1), Math.Round(intervals[^1], 1), intervals.Count(i => i > 50));
    }
}
