using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>
/// The Forecast tab and the publish dialog against the real host's forecast jobs: progress while a job runs, the charts
/// and figures of the job's result, cancelling, and the publish dialog's one-line change (publishing works with or without it).
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerForecastTests(DesignerHost host)
{
    /// <summary>At-risk accounts get a call task for their CSM and a tips email; <paramref name="more"/> adds a CS-lead review and a second email.</summary>
    private static object AtRisk(string id, bool more) => new
    {
        id, name = "Forecast " + id, trigger = new { type = "segment", when = "account.stage == \"at-risk\"" },
        steps = new object[]
        {
            new { id = "call", type = "createTask", assignee = "csm", title = "Call {{ account.name }}", due = "P5D", position = new { x = 0, y = 0 } },
            new { id = "tips", type = "sendEmail", template = "e2e-fc-tips", to = new[] { "decision-maker" }, category = "operational", position = new { x = 0, y = 150 } },
        }.Concat(more ? new object[]
        {
            new { id = "review", type = "createTask", assignee = "cs-lead", title = "Review {{ account.name }}", due = "P5D", position = new { x = 0, y = 300 } },
            new { id = "story", type = "sendEmail", template = "e2e-fc-story", to = new[] { "decision-maker" }, category = "operational", position = new { x = 0, y = 450 } },
        } : []).ToArray(),
        connections = more
            ? new[] { new { from = "call", to = "tips" }, new { from = "tips", to = "review" }, new { from = "review", to = "story" } }
            : new[] { new { from = "call", to = "tips" } },
    };

    private static JsonObject Account(string id, string tag, string tier = "KA") => new()
    {
        ["id"] = id, ["name"] = "Forecast " + id, ["tier"] = tier, ["stage"] = "at-risk", ["timeZone"] = "UTC", ["csmId"] = DesignerHost.CsmId,
        ["tags"] = new JsonArray(tag),
        ["contract"] = new JsonObject { ["start"] = "2026-01-01", ["end"] = "2027-01-01" },
        ["contacts"] = new JsonArray(new JsonObject { ["id"] = "dm", ["name"] = "Dee", ["email"] = $"dee@{id}.example", ["role"] = "decision-maker" }),
    };

    /// <summary>Published with one task and one email; the draft adds a CS-lead task and a second email.</summary>
    private async Task PublishedWithBiggerDraftAsync(string id)
    {
        host.WriteTemplate("e2e-fc-tips", "Tips for {{ account.name }}", "Three tips.");
        host.WriteTemplate("e2e-fc-story", "A story for {{ account.name }}", "A customer story.");
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", AtRisk(id, more: false));
        await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/{id}/publish", new { note = "v1" });
        await host.SendJsonAsync(HttpMethod.Put, $"/api/playbooks/{id}/draft", AtRisk(id, more: true));
    }

    private static string Signed(int n) => (n < 0 ? "−" : "+") + Math.Abs(n).ToString("N0", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string> JobIdOf(IResponse started) => (string)JsonNode.Parse(await started.TextAsync())!["id"]!;

    [Fact]
    public async Task ForecastTab_SmallBook_ShowsProgressThenChartsWhoseFiguresAreTheJobsResult()
    {
        await PublishedWithBiggerDraftAsync("e2e-fc-tab");
        foreach (var i in Enumerable.Range(1, 3)) await host.SendJsonAsync(HttpMethod.Put, $"/api/accounts/e2e-fc-small-{i}", Account($"e2e-fc-small-{i}", "e2e-fc-small"));
        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/p/e2e-fc-tab/forecast");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Forecast" })).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.GetByTestId("forecast-weeks")).ToHaveValueAsync("13");
        await page.GetByTestId("forecast-tag").FillAsync("e2e-fc-small");
        await page.GetByTestId("forecast-weeks").FillAsync("2");
        await page.GetByTestId("forecast-capacity").FillAsync("1");

        // The job's answers are held back until the progress bar has been seen (a small book finishes within one poll).
        var answers = new TaskCompletionSource();
        await page.RouteAsync("**/api/forecasts/*", async route => { await answers.Task; await route.ContinueAsync(); });
        var started = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("run-forecast").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/playbooks/e2e-fc-tab/forecast"));
        Assert.Equal(202, started.Status);
        await Expect(page.GetByTestId("forecast-progress")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("forecast-running")).ToContainTextAsync(new Regex(@"Forecasting… \d+%"));
        await Expect(page.GetByTestId("forecast-cancel")).ToBeEnabledAsync();
        answers.SetResult();

        var report = page.GetByTestId("forecast-report");
        await Expect(report).ToBeVisibleAsync();
        await Expect(page.GetByTestId("forecast-progress")).ToHaveCountAsync(0);
        foreach (var chart in new[] { "forecast-emails", "forecast-tasks", "forecast-load" })
            await Expect(page.GetByTestId($"chart-{chart}").Locator("svg")).ToBeVisibleAsync();

        var job = await host.GetJsonAsync($"/api/forecasts/{await JobIdOf(started)}");
        Assert.Equal("completed", (string)job["state"]!);
        var result = job["result"]!;
        Assert.Equal(3, (int)result["accounts"]!);
        var difference = result["totals"]!["difference"]!;
        // The draft adds a second email and a CS-lead task per enrolled account: the page says what the job says.
        Assert.Equal(3, (int)difference["tasks"]!);
        Assert.Equal(3, (int)difference["emailsSent"]!);
        await Expect(page.GetByTestId("forecast-summary")).ToHaveTextAsync((string)result["summary"]!);
        await Expect(page.GetByTestId("forecast-summary")).ToHaveTextAsync("+3 emails and +3 tasks in 2 weeks; Dana Reyes over capacity in week 1");
        await Expect(report).ToContainTextAsync("3 accounts, 2 weeks");
        var templates = page.GetByTestId("forecast-templates");
        foreach (var (template, counts) in result["totals"]!["candidate"]!["emails"]!.AsObject())
        {
            var published = (int?)result["totals"]!["published"]!["emails"]![template]?["sent"] ?? 0;
            await Expect(templates.Locator($"tr[data-template='{template}'] td").First).ToHaveTextAsync(((int)counts!["sent"]!).ToString());
            await Expect(templates.Locator($"tr[data-template='{template}'] td").Nth(1)).ToHaveTextAsync(published.ToString());
        }
        var overloaded = result["overloaded"]!.AsArray().Single()!;
        Assert.Equal("Dana Reyes", (string)overloaded["name"]!);
        await Expect(page.GetByTestId("forecast-overloaded")).ToContainTextAsync($"Dana Reyes over capacity in week 1 (at most {(int)overloaded["peak"]!} tasks in a week)");
        // Each chart's data downloads as CSV: the load chart's row for Dana in week 1.
        var csv = Uri.UnescapeDataString((await page.GetByTestId("csv-forecast-load").GetAttributeAsync("href"))!);
        var weekOne = (int)result["weekly"]![0]!["candidate"]!["tasksByCsm"]![DesignerHost.CsmId]!;
        Assert.Contains($"1,{((string)result["weekly"]![0]!["from"]!)[..10]},{DesignerHost.CsmId},Dana Reyes,{weekOne},1,yes", csv);
        Assert.StartsWith("data:text/csv", (await page.GetByTestId("csv-forecast-emails").GetAttributeAsync("href"))!);

        await DesignerHost.AssertAccessibleAsync(page, "forecast tab");
        await host.ScreenshotAsync(page, "forecast-tab");
    }

    [Fact]
    public async Task ForecastTab_Cancel_StopsTheJobAndSaysSo()
    {
        // A draft that enrols every account every day: two years of a few hundred accounts take a while.
        await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", new
        {
            id = "e2e-fc-heavy", name = "Daily touch", trigger = new { type = "schedule", cron = "0 0 9 * * ?", timeZone = "UTC" },
            enrolment = new { reentry = "always" },
            steps = new object[]
            {
                new { id = "call", type = "createTask", assignee = "csm", title = "Call {{ account.name }}", due = "P1D", position = new { x = 0, y = 0 } },
                new { id = "pause", type = "wait", duration = "PT1H", position = new { x = 0, y = 150 } },
            },
            connections = new[] { new { from = "call", to = "pause" } },
        });
        var book = new JsonArray(Enumerable.Range(1, 400).Select(i => (JsonNode)Account($"e2e-fc-big-{i:D3}", "e2e-fc-big")).ToArray());
        await host.SendJsonAsync(HttpMethod.Post, "/api/accounts/import", book);
        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/p/e2e-fc-heavy/forecast");
        await page.GetByTestId("forecast-tag").FillAsync("e2e-fc-big");
        await page.GetByTestId("forecast-weeks").FillAsync("104");

        var started = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("run-forecast").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/forecast"));
        await Expect(page.GetByTestId("forecast-progress")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("forecast-running")).ToContainTextAsync("of 400 accounts");
        await DesignerHost.AssertAccessibleAsync(page, "forecast in progress");
        await host.ScreenshotAsync(page, "forecast-progress");
        await page.GetByTestId("forecast-cancel").ClickAsync();

        await Expect(page.GetByTestId("forecast-cancelled")).ToContainTextAsync("Forecast cancelled.");
        await Expect(page.GetByTestId("forecast-progress")).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("forecast-report")).ToHaveCountAsync(0);
        var job = await host.GetJsonAsync($"/api/forecasts/{await JobIdOf(started)}");
        Assert.Equal("cancelled", (string)job["state"]!);
        Assert.Null(job["result"]);
        Assert.True((int)job["progress"]!["done"]! < 400, "the job stopped before the last account");
        await Expect(page.GetByTestId("run-forecast")).ToBeEnabledAsync();
    }

    [Fact]
    public async Task PublishDialog_SaysWhatTheNewVersionChanges_ThenPublishes()
    {
        await PublishedWithBiggerDraftAsync("e2e-fc-pub");
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-fc-pub-1", Account("e2e-fc-pub-1", "e2e-fc-pub"));
        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/p/e2e-fc-pub");

        var started = await page.RunAndWaitForResponseAsync(() => page.GetByTestId("publish").ClickAsync(),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/playbooks/e2e-fc-pub/forecast"));
        Assert.Equal("draft", (string)JsonNode.Parse(started.Request.PostData!)!["version"]!);
        Assert.Equal(13, (int)JsonNode.Parse(started.Request.PostData!)!["weeks"]!);
        var sentence = page.GetByTestId("publish-forecast-summary");
        await Expect(sentence).ToBeVisibleAsync(new() { Timeout = 30_000 });
        var result = (await host.GetJsonAsync($"/api/forecasts/{await JobIdOf(started)}"))["result"]!;
        var difference = result["totals"]!["difference"]!;
        Assert.True((int)difference["tasks"]! >= 1, "the draft's CS-lead task for the at-risk account");
        await Expect(sentence).ToContainTextAsync($"{Signed((int)difference["emailsSent"]!)} emails and {Signed((int)difference["tasks"]!)} tasks in 13 weeks");
        await Expect(sentence).ToContainTextAsync($"all {(int)result["accounts"]!} accounts");
        await DesignerHost.AssertAccessibleAsync(page, "publish dialog with forecast");
        await host.ScreenshotAsync(page, "forecast-publish-dialog");

        await page.GetByTestId("publish-note").FillAsync("Adds a CS-lead review");
        await page.GetByTestId("publish-confirm").ClickAsync();
        await Expect(page.GetByTestId("toast")).ToContainTextAsync("Published version 2");
        Assert.Equal(2, (int)(await host.GetJsonAsync("/api/playbooks/e2e-fc-pub"))["latestVersion"]!);
    }

    [Fact]
    public async Task PublishDialog_ForecastFails_SaysSoAndPublishingStillWorks()
    {
        await PublishedWithBiggerDraftAsync("e2e-fc-down");
        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/p/e2e-fc-down");
        // The host cannot be reached for the forecast (and only for it).
        await page.RouteAsync("**/api/playbooks/e2e-fc-down/forecast", route => route.AbortAsync());

        await page.GetByTestId("publish").ClickAsync();
        var failed = page.GetByTestId("publish-forecast").GetByTestId("forecast-failed");
        await Expect(failed).ToContainTextAsync("The forecast could not run");
        await Expect(failed).ToContainTextAsync("You can still publish.");
        await DesignerHost.AssertAccessibleAsync(page, "publish dialog, forecast failed");
        await host.ScreenshotAsync(page, "forecast-publish-failed");
        await page.GetByTestId("publish-confirm").ClickAsync();
        await Expect(page.GetByTestId("toast")).ToContainTextAsync("Published version 2");
        Assert.Equal(2, (int)(await host.GetJsonAsync("/api/playbooks/e2e-fc-down"))["latestVersion"]!);
    }
}
