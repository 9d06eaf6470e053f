using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Tasks;

/// <summary>createTask / waitForTask / inbox / escalation through the HTTP API, on a virtual clock.</summary>
public abstract class TaskInboxTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _csm = fixture.Host.Client(TestHost.CsmKey);

    [Fact]
    public async Task CreateTask_TaskVisibleToItsCsmOnly()
    {
        await TaskSamples.PutCsm(_ops, "csm-1", TaskSamples.Csm("Csm One", "high", ["inbox-only"]));
        var mine = Samples.NewId("acct");
        var theirs = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, TaskSamples.Account(mine, "KA", "retail", csmId: "csm-1"));
        await Samples.CreateAccount(_ops, TaskSamples.Account(theirs, "KA", "retail", csmId: "csm-other"));
        var playbook = Samples.NewId("pb");
        await Samples.Publish(_ops, TaskSamples.CallPlaybook(playbook));
        await Samples.Enrol(_ops, playbook, mine);
        await Samples.Enrol(_ops, playbook, theirs);

        var task = await TaskSamples.TaskOf(_ops, mine);
        var other = await TaskSamples.TaskOf(_ops, theirs);
        Assert.Equal($"Call Account {mine}", (string)task["title"]!);
        Assert.Equal("Tier KA", (string)task["description"]!);
        Assert.Equal("csm-1", (string)task["assignee"]!["csmId"]!);
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(2), DateTimeOffset.Parse((string)task["dueAt"]!), TimeSpan.FromSeconds(1));
        Assert.True((bool)task["required"]!);

        var seen = await TaskSamples.Tasks(_csm, "status=open");
        Assert.Contains(seen, t => (string)t!["id"]! == (string)task["id"]!);
        Assert.All(seen, t => Assert.Equal("csm-1", (string)t!["assignee"]!["csmId"]!));
        await (await _csm.GetAsync($"/api/tasks/{other["id"]}")).Expect(404);
        await (await _csm.PostJson($"/api/tasks/{other["id"]}/complete", new { })).Expect(404);
        await (await fixture.Host.Client(TestHost.IntegrationKey).GetAsync("/api/tasks")).Expect(403);
    }

    [Fact]
    public async Task CompleteTask_ResumesWaitForTaskByCompleted()
    {
        var (instance, account) = await Start();
        var task = await TaskSamples.TaskOf(_ops, account);
        await Eventually.Get(() => WaitingAt(instance), s => s == "wait-call", "waitForTask to wait");

        var done = await (await _csm.PostJson($"/api/tasks/{task["id"]}/complete", new { })).Expect(200);
        Assert.Equal("completed", (string)done["status"]!);
        Assert.Equal("csm-1", (string)done["completedBy"]!);

        var detail = await Eventually.Get(() => Samples.Instance(_ops, instance), d => (string)d["status"]! == "completed", "the playbook to resume");
        Assert.Contains(Samples.Journal(detail), j => (string)j["summary"]! == "called");
        await (await _csm.PostJson($"/api/tasks/{task["id"]}/complete", new { })).Expect(200);
    }

    [Fact]
    public async Task NoCompletion_LeavesByOverdueAtDueTime_AndEscalatesOnce()
    {
        var (instance, account) = await Start();
        var task = await TaskSamples.TaskOf(_ops, account);
        await Eventually.Get(() => WaitingAt(instance), s => s == "wait-call", "waitForTask to wait");

        fixture.Clock.Advance(TimeSpan.FromDays(2) - TimeSpan.FromMinutes(5));
        await fixture.Host.DrainAsync();
        Assert.Equal("wait-call", await WaitingAt(instance));
        Assert.Single(await TaskSamples.Tasks(_ops, $"account={account}"));

        fixture.Clock.Advance(TimeSpan.FromMinutes(6));
        var detail = await Eventually.Get(() => Samples.Instance(_ops, instance), d => (string)d["status"]! == "completed", "the overdue outcome");
        Assert.Contains(Samples.Journal(detail), j => (string)j["summary"]! == "call overdue");
        var escalation = await TaskSamples.TaskOf(_ops, account, t => (string)t["source"]! == "escalation");
        Assert.Equal("cs-lead", (string)escalation["assignee"]!["role"]!);
        Assert.Contains((string)task["title"]!, (string)escalation["title"]!);
        Assert.Single(await TaskSamples.Tasks(_ops, $"account={account}&overdue=true"));

        fixture.Clock.Advance(TimeSpan.FromMinutes(5));
        await fixture.Host.DrainAsync();
        fixture.Clock.Advance(TimeSpan.FromDays(3));
        await fixture.Host.DrainAsync();
        var all = await TaskSamples.Tasks(_ops, $"account={account}");
        Assert.Single(all, t => (string)t!["source"]! == "escalation");
        Assert.NotNull((await _ops.GetJson($"/api/tasks/{task["id"]}"))["escalatedAt"]);
    }

    [Fact]
    public async Task OptionalTask_Overdue_IsNotEscalated()
    {
        var (instance, account) = await Start(required: false);
        await Eventually.Get(() => WaitingAt(instance), s => s == "wait-call", "waitForTask to wait");
        fixture.Clock.Advance(TimeSpan.FromDays(2) + TimeSpan.FromMinutes(1));
        await Eventually.Get(() => Samples.Instance(_ops, instance), d => (string)d["status"]! == "completed", "the overdue outcome");
        fixture.Clock.Advance(TimeSpan.FromMinutes(2));
        await fixture.Host.DrainAsync();
        Assert.DoesNotContain(await TaskSamples.Tasks(_ops, $"account={account}"), t => (string)t!["source"]! == "escalation");
    }

    [Fact]
    public async Task WaitForTask_NamingAStepThatIsNotCreateTask_IsInvalid()
    {
        var definition = TaskSamples.CallPlaybook(Samples.NewId("pb"));
        definition["steps"]![1]!["task"] = "done";
        var problem = await (await _ops.PostJson("/api/playbooks/validate", definition)).Read();
        Assert.Contains("must be a createTask step", problem.ToJsonString());
    }

    private async Task<(Guid Instance, string Account)> Start(bool required = true)
    {
        await TaskSamples.PutCsm(_ops, "csm-1", TaskSamples.Csm("Csm One", "high", ["inbox-only"]));
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, TaskSamples.Account(account, "KA", "retail", csmId: "csm-1"));
        var playbook = Samples.NewId("pb");
        await Samples.Publish(_ops, TaskSamples.CallPlaybook(playbook, required: required));
        return (await Samples.Enrol(_ops, playbook, account), account);
    }

    private async Task<string?> WaitingAt(Guid instance) =>
        (string?)(await Samples.Instance(_ops, instance))["bookmarks"]!.AsArray().FirstOrDefault()?["stepId"];
}

public sealed class TaskInboxTests_Sqlite(SqliteClockHost f) : TaskInboxTests(f), IClassFixture<SqliteClockHost>;
public sealed class TaskInboxTests_Postgres(PostgresClockHost f) : TaskInboxTests(f), IClassFixture<PostgresClockHost>;
