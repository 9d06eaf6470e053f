using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Tasks;

/// <summary>The CSM's workbench: open tasks grouped by due window with the account's context; snooze; comments. Virtual clock.</summary>
public abstract class WorkbenchTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);

    private static JsonObject Task(string id, string due, bool required = false) =>
        new() { ["id"] = id, ["type"] = "createTask", ["assignee"] = "csm", ["title"] = $"{id} for {{{{ account.name }}}}", ["due"] = due, ["required"] = required };

    [Fact]
    public async Task Workbench_GroupsByDue_WithAccountContext_SnoozeAndComments()
    {
        var csm = Samples.NewId("csm");
        await TaskSamples.PutCsm(_ops, csm, TaskSamples.Csm("Wendy Work", "high", []));
        var account = Samples.NewId("wb");
        var document = TaskSamples.Account(account, "KA", "retail", csm);
        document["stage"] = "growth";
        await Samples.CreateAccount(_integration, document);
        await (await _integration.PostJson($"/api/accounts/{account}/usage", new[]
        {
            new { date = "2026-03-02", activeUsers = 8, materialInput = 10, contentOutput = 5, featuresUsed = new[] { "editor" }, apiCalls = 5 },
        })).Expect(200);
        var playbook = Samples.NewId("wb");
        await Samples.Publish(_ops, new JsonObject
        {
            ["id"] = playbook, ["name"] = "Workbench " + playbook, ["trigger"] = new JsonObject { ["type"] = "manual" },
            ["steps"] = new JsonArray(Task("soon", "PT2H", required: true), Task("this-week", "P3D"), Task("next-month", "P30D"), new JsonObject { ["id"] = "done", ["type"] = "end" }),
            ["connections"] = new JsonArray(
                new JsonObject { ["from"] = "soon", ["to"] = "this-week" }, new JsonObject { ["from"] = "this-week", ["to"] = "next-month" },
                new JsonObject { ["from"] = "next-month", ["to"] = "done" }),
        });
        await Samples.Enrol(_integration, playbook, account);
        var bench = await Eventually.Get(() => _ops.GetJson($"/api/tasks/workbench?assignee={csm}"), b => (int)b["total"]! == 3, "three open tasks");

        string[] Steps(JsonNode b, string group) => b["groups"]![group]!.AsArray().Select(i => (string)i!["task"]!["stepId"]!).ToArray();
        Assert.Equal(["soon"], Steps(bench, "today"));
        Assert.Equal(["this-week"], Steps(bench, "week"));
        Assert.Equal(["next-month"], Steps(bench, "later"));
        Assert.Empty(Steps(bench, "overdue"));
        var context = bench["groups"]!["today"]![0]!["account"]!;
        Assert.Equal(("KA", "growth", 1), ((string)context["tier"]!, (string)context["stage"]!, (int)context["openRequiredTasks"]!));
        Assert.Equal((string)(await _ops.GetJson($"/api/accounts/{account}"))["health"]!["band"]!, (string)context["healthBand"]!);
        Assert.Equal("unknown", (string)context["healthTrend"]!);
        Assert.Equal("2027-01-01", (string)context["contractEnd"]!);

        var week = bench["groups"]!["week"]![0]!["task"]!["id"]!.ToString();
        await (await _ops.PostJson($"/api/tasks/{week}/snooze", new { until = "2026-03-01" })).Expect(400);
        Assert.True((await (await _ops.PostJson($"/api/tasks/{week}/snooze", new { until = "soon" })).Expect(400))["errors"]!.AsObject().ContainsKey("until"));
        Assert.True((await (await _ops.PostJson($"/api/tasks/{week}/snooze", new { until = 20260304 })).Expect(400))["errors"]!.AsObject().ContainsKey("until"));
        Assert.True((await (await _ops.PostJson($"/api/tasks/{week}/snooze", new { })).Expect(400))["errors"]!.AsObject().ContainsKey("until"));
        await (await _ops.PostJson($"/api/tasks/{week}/snooze", new { until = "2026-03-04" })).Expect(200);
        var snoozed = await _ops.GetJson($"/api/tasks/workbench?assignee={csm}");
        Assert.Empty(Steps(snoozed, "week"));
        Assert.Equal("this-week", (string)Assert.Single(snoozed["snoozed"]!.AsArray())!["task"]!["stepId"]!);

        Assert.True((await (await _ops.PostJson($"/api/tasks/{week}/comments", new { text = "" })).Expect(400))["errors"]!.AsObject().ContainsKey("text"));
        await (await _ops.PostJson($"/api/tasks/{week}/comments", new { text = "Customer asked to call after the fair." })).Expect(201);
        var comments = (await _ops.GetJson($"/api/tasks/{week}/comments")).AsArray();
        Assert.Equal("Customer asked to call after the fair.", (string)Assert.Single(comments)!["text"]!);

        fixture.Clock.Advance(TimeSpan.FromHours(3));
        var later = await _ops.GetJson($"/api/tasks/workbench?assignee={csm}");
        Assert.Equal(["soon"], Steps(later, "overdue"));

        // Reassign: refused input names the field and moves nothing; a real CSM takes the task over.
        var nextMonth = later["groups"]!["later"]![0]!["task"]!["id"]!.ToString();
        var other = Samples.NewId("csm");
        await TaskSamples.PutCsm(_ops, other, TaskSamples.Csm("Otto Other", "high", []));
        foreach (var bad in new object[] { new { }, new { csmId = 42 }, new { csmId = "no-such-csm" } })
            Assert.True((await (await _ops.PostJson($"/api/tasks/{nextMonth}/reassign", bad)).Expect(400))["errors"]!.AsObject().ContainsKey("csmId"));
        Assert.Equal(csm, (string)(await _ops.GetJson($"/api/tasks/{nextMonth}"))["assignee"]!["csmId"]!);
        var moved = await (await _ops.PostJson($"/api/tasks/{nextMonth}/reassign", new { csmId = other })).Expect(200);
        Assert.Equal(other, (string)moved["assignee"]!["csmId"]!);
        Assert.Equal(["next-month"], Steps(await _ops.GetJson($"/api/tasks/workbench?assignee={other}"), "later"));
    }

    [Fact]
    public async Task AnotherCsmsWorkbench_OpenForOps_RefusedToACsm()
    {
        var other = Samples.NewId("csm");
        await TaskSamples.PutCsm(_ops, other, TaskSamples.Csm("Olga Other", "high", []));
        var account = Samples.NewId("wb");
        await Samples.CreateAccount(_integration, TaskSamples.Account(account, "KA", "retail", other));
        var playbook = Samples.NewId("wb");
        await Samples.Publish(_ops, new JsonObject
        {
            ["id"] = playbook, ["name"] = "Workbench " + playbook, ["trigger"] = new JsonObject { ["type"] = "manual" },
            ["steps"] = new JsonArray(Task("call", "P3D"), new JsonObject { ["id"] = "done", ["type"] = "end" }),
            ["connections"] = new JsonArray(new JsonObject { ["from"] = "call", ["to"] = "done" }),
        });
        await Samples.Enrol(_integration, playbook, account);
        var theirs = await Eventually.Get(() => _ops.GetJson($"/api/tasks/workbench?assignee={other}"), b => (int)b["total"]! == 1, "the other CSM's task");
        Assert.Equal(account, (string)theirs["groups"]!["week"]![0]!["account"]!["id"]!);

        var csm = fixture.Host.Client(TestHost.CsmKey); // acts as csm-1
        var refused = await (await csm.GetAsync($"/api/tasks/workbench?assignee={other}")).Expect(403);
        Assert.Equal("Not your workbench", (string)refused["title"]!);
        Assert.Contains(other, (string)refused["detail"]!);
        var own = await (await csm.GetAsync("/api/tasks/workbench?assignee=csm-1")).Expect(200);
        Assert.DoesNotContain(own["groups"]!.AsObject().SelectMany(g => g.Value!.AsArray()), i => (string)i!["account"]!["id"]! == account);
        await (await csm.GetAsync("/api/tasks/workbench")).Expect(200);
    }
}

public sealed class WorkbenchTests_Sqlite(SqliteClockHost f) : WorkbenchTests(f), IClassFixture<SqliteClockHost>;
public sealed class WorkbenchTests_Postgres(PostgresClockHost f) : WorkbenchTests(f), IClassFixture<PostgresClockHost>;
