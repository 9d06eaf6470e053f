using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>
/// The what-if forecast against production: a small book forecast for a week, then the same week run by the real host
/// on the virtual clock (sweep, timers, outbox with governance); the published column must match what production did,
/// and the draft's difference must be the draft's change.
/// </summary>
public abstract class ForecastTests(Db kind)
{
    private static JsonObject Playbook(bool withLeadTask) => JsonNode.Parse($$$"""
        {
          "id": "reach-out", "name": "Reach out to at-risk accounts",
          "trigger": { "type": "segment", "when": "account.stage == \"at-risk\"" },
          "steps": [
            { "id": "call", "type": "createTask", "assignee": "csm", "title": "Call {{ account.name }}", "due": "P5D" },
            { "id": "tips", "type": "sendEmail", "template": "core-features", "to": ["decision-maker"], "category": "digital-touch" },
            { "id": "pause", "type": "wait", "duration": "P2D" },
            { "id": "story", "type": "sendEmail", "template": "success-story", "to": ["decision-maker"], "category": "digital-touch" }
            {{{(withLeadTask ? """, { "id": "lead", "type": "createTask", "assignee": "cs-lead", "title": "Review {{ account.name }}", "due": "P5D" }""" : "")}}}
          ],
          "connections": [ { "from": "call", "to": "tips" }, { "from": "tips", "to": "pause" }, { "from": "pause", "to": "story" }
            {{{(withLeadTask ? """, { "from": "story", "to": "lead" }""" : "")}}} ]
        }
        """)!.AsObject();

    private static JsonObject Account(string id, string stage) => new()
    {
        ["id"] = id, ["name"] = id, ["tier"] = "micro", ["stage"] = stage, ["timeZone"] = "Asia/Tokyo", ["csmId"] = "csm-1",
        ["contract"] = new JsonObject { ["start"] = "2026-01-01", ["end"] = "2027-01-01" },
        ["contacts"] = new JsonArray(new JsonObject { ["id"] = "dm", ["name"] = "Dana", ["email"] = $"dana@{id}.example", ["role"] = "decision-maker" }),
    };

    /// <summary>A workflows folder with the shipped email templates and no playbooks: only this test's playbook is published.</summary>
    private static string TemplatesOnly()
    {
        var dir = Directory.CreateTempSubdirectory("csplaybooks-forecast-").FullName;
        var templates = Directory.CreateDirectory(Path.Combine(dir, "templates")).FullName;
        foreach (var file in Directory.GetFiles(Path.Combine(ShippedPlaybooksHost.RepositoryRoot(), "workflows", "templates")))
            File.Copy(file, Path.Combine(templates, Path.GetFileName(file)));
        return dir;
    }

    [Fact]
    public async Task Forecast_SmallBook_PublishedColumnMatchesProductionOnTheVirtualClock_DraftShowsItsDifference()
    {
        var clock = TestHost.NewClock(); // Monday 2026-03-02 09:00 UTC
        await using var host = new TestHost(TestDatabase.Create(kind), clock, workflowsDirectory: TemplatesOnly());
        var ops = host.Client();
        await (await ops.PutJson("/api/csms/csm-1", new { name = "Casey Chen", email = "casey@vendor.example", touchModel = "high" })).Expect(201);
        await (await ops.PutJson("/api/csms/lead-1", new { name = "Lee Lead", email = "lee@vendor.example", touchModel = "high", isLead = true })).Expect(201);
        foreach (var (id, stage) in new[] { ("alpha", "at-risk"), ("bravo", "at-risk"), ("charlie", "growth") })
            await Samples.CreateAccount(ops, Account(id, stage));
        await Samples.Publish(ops, Playbook(withLeadTask: false));
        await (await ops.PutJson("/api/playbooks/reach-out/draft", Playbook(withLeadTask: true))).Expect(200);

        var started = await ops.PostAsync("/api/playbooks/reach-out/forecast", JsonContent.Create(new { version = "draft", weeks = 1, taskCapacityPerWeek = 1 }));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        var job = await Eventually.Get(() => ops.GetJson(location), j => (string)j["state"]! != "running", "the forecast to finish");
        Assert.Equal("completed", (string)job["state"]!);
        Assert.Equal(100, (int)job["progress"]!["percent"]!);
        var report = job["result"]!;
        Assert.Equal(3, (int)report["accounts"]!);

        // Production, the same week on the virtual clock: the sweep on Tuesday 06:00 UTC enrols the at-risk accounts.
        clock.SetUtcNow(new DateTimeOffset(2026, 3, 3, 6, 0, 0, TimeSpan.Zero));
        await (await ops.PostJson("/api/triggers/sweep", new { })).Expect(200);
        await host.DrainAsync();
        clock.Advance(TimeSpan.FromDays(2));
        await host.DrainAsync();
        var sent = (int)(await ops.GetJson("/api/emails?state=sent"))["total"]!;
        var tasks = (await ops.GetJson("/api/tasks?take=100"))["items"]!.AsArray();

        var published = report["totals"]!["published"]!;
        Assert.Equal(4, sent);
        Assert.Equal(sent, (int)published["emailsSent"]!);
        Assert.Equal(2, (int)published["emails"]!["core-features"]!["sent"]!);
        Assert.Equal(tasks.Count, (int)published["tasks"]!);
        Assert.Equal(tasks.Count, (int)published["tasksByCsm"]!["csm-1"]!);
        Assert.Equal(2, (int)published["enrolments"]!["reach-out"]!);
        // Week 1 holds everything; the draft adds one CS-lead task per enrolled account.
        Assert.Equal(2, (int)report["weekly"]![0]!["difference"]!["tasks"]!);
        Assert.Equal(2, (int)report["totals"]!["candidate"]!["tasksByRole"]!["cs-lead"]!);
        Assert.Equal("+0 emails and +2 tasks in 1 week; Casey Chen over capacity in week 1, Lee Lead over capacity in week 1", (string)report["summary"]!);
    }

    [Fact]
    public async Task Forecast_Filter_CoversOnlyTheMatchingAccounts()
    {
        await using var host = new TestHost(TestDatabase.Create(kind), TestHost.NewClock(), workflowsDirectory: TemplatesOnly());
        var ops = host.Client();
        await (await ops.PutJson("/api/csms/csm-1", new { name = "Casey Chen", email = "casey@vendor.example", touchModel = "high" })).Expect(201);
        foreach (var (id, stage) in new[] { ("alpha", "at-risk"), ("bravo", "at-risk"), ("charlie", "growth") })
            await Samples.CreateAccount(ops, Account(id, stage));
        await Samples.Publish(ops, Playbook(withLeadTask: false));

        var started = await ops.PostAsync("/api/playbooks/reach-out/forecast", JsonContent.Create(new { weeks = 1, filter = new { stage = "growth", tier = "micro" } }));
        var job = await Eventually.Get(() => ops.GetJson(started.Headers.Location!.ToString()), j => (string)j["state"]! != "running", "the forecast to finish");
        Assert.Equal("completed", (string)job["state"]!);
        Assert.Equal(1, (int)job["result"]!["accounts"]!);
        Assert.Equal(0, (int)job["result"]!["totals"]!["published"]!["tasks"]!);
    }

    [Fact]
    public async Task Forecast_Finished_CannotBeCancelled_UnknownJobIs404_AndBadWeeksIs400()
    {
        await using var host = new TestHost(TestDatabase.Create(kind), TestHost.NewClock(), workflowsDirectory: TemplatesOnly());
        var ops = host.Client();
        await Samples.Publish(ops, Playbook(withLeadTask: false));
        var started = await ops.PostAsync("/api/playbooks/reach-out/forecast", JsonContent.Create(new { weeks = 1 }));
        var location = started.Headers.Location!.ToString();
        await Eventually.Get(() => ops.GetJson(location), j => (string)j["state"]! == "completed", "the forecast of an empty book to finish");
        var refused = await (await ops.DeleteAsync(location)).Expect(409);
        Assert.Contains("already finished (completed)", (string)refused["detail"]!);
        Assert.Equal("completed", (string)(await ops.GetJson(location))["state"]!);
        await (await ops.GetAsync($"/api/forecasts/{Guid.NewGuid()}")).Expect(404);
        await (await ops.DeleteAsync($"/api/forecasts/{Guid.NewGuid()}")).Expect(404);
        await (await ops.PostJson("/api/playbooks/reach-out/forecast", new { weeks = 0 })).Expect(400);
    }

    /// <summary>
    /// The job must still be running when the cancel arrives: this test holds an exclusive lock on the CSM table, which
    /// the job reads first, so it cannot finish before the cancel, however fast the machine.
    /// </summary>
    protected async Task CancelWhileTheBookIsLocked()
    {
        var database = TestDatabase.Create(kind);
        await using var host = new TestHost(database, TestHost.NewClock(), workflowsDirectory: TemplatesOnly());
        var ops = host.Client();
        for (var i = 0; i < 20; i++) await Samples.CreateAccount(ops, Account($"acc{i:D3}", "at-risk"));
        await Samples.Publish(ops, Playbook(withLeadTask: false));

        await using var holder = new Npgsql.NpgsqlConnection(database.ConnectionString);
        await holder.OpenAsync();
        await using var hold = await holder.BeginTransactionAsync();
        await using (var lockTable = new Npgsql.NpgsqlCommand("LOCK TABLE csms IN ACCESS EXCLUSIVE MODE", holder, hold)) await lockTable.ExecuteNonQueryAsync();

        var started = await ops.PostAsync("/api/playbooks/reach-out/forecast", JsonContent.Create(new { weeks = 104 }));
        var location = started.Headers.Location!.ToString();
        Assert.Equal("running", (string)(await ops.GetJson(location))["state"]!);
        var cancelled = await (await ops.DeleteAsync(location)).Expect(202);
        Assert.Equal("cancelled", (string)cancelled["state"]!);
        await hold.RollbackAsync();

        var job = await ops.GetJson(location);
        Assert.Equal("cancelled", (string)job["state"]!);
        Assert.NotNull(job["finishedAt"]);
        Assert.Null(job["result"]);
        await (await ops.DeleteAsync(location)).Expect(409);
    }
}

public sealed class ForecastTests_Sqlite() : ForecastTests(Db.Sqlite);

public sealed class ForecastTests_Postgres() : ForecastTests(Db.Postgres)
{
    [Fact]
    public Task Forecast_CancelledWhileRunning_SaysSo_AndASecondCancelIs409() => CancelWhileTheBookIsLocked();
}
