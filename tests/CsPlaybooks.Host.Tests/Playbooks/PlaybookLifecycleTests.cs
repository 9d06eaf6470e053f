using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>Draft → publish → history → revert, through the HTTP API.</summary>
public abstract class PlaybookLifecycleTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();

    [Fact]
    public async Task Create_ThenGet_ReturnsDraftAndNoPublishedVersion()
    {
        var id = Samples.NewId("pb");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id))).Expect(201);

        var playbook = await _ops.GetJson($"/api/playbooks/{id}");
        Assert.Equal(0, (int)playbook["latestVersion"]!);
        Assert.True((bool)playbook["hasDraft"]!);
        Assert.Null(playbook["published"]);
        Assert.Equal("settle", (string)playbook["draft"]!["steps"]![0]!["id"]!);
        Assert.Equal(120, (double)playbook["draft"]!["steps"]![1]!["position"]!["y"]!);
    }

    [Fact]
    public async Task Publish_FreezesDraftAsNextVersion_AndClearsDraft()
    {
        var id = Samples.NewId("pb");
        Assert.Equal(1, await Samples.Publish(_ops, Samples.Onboarding(id)));
        Assert.Equal(2, await Samples.Publish(_ops, Samples.Onboarding(id, wait: "P2D")));

        var playbook = await _ops.GetJson($"/api/playbooks/{id}");
        Assert.Equal(2, (int)playbook["latestVersion"]!);
        Assert.False((bool)playbook["hasDraft"]!);
        Assert.Equal("P2D", (string)playbook["published"]!["steps"]![0]!["duration"]!);
        var v1 = await _ops.GetJson($"/api/playbooks/{id}/versions/1");
        Assert.Equal("P1D", (string)v1["definition"]!["steps"]![0]!["duration"]!);
        Assert.Equal(1, (int)v1["definition"]!["version"]!);
        var versions = (await _ops.GetJson($"/api/playbooks/{id}/versions")).AsArray();
        Assert.Equal([2, 1], versions.Select(v => (int)v!["version"]!));
        Assert.Equal("test", (string)versions[0]!["note"]!);
    }

    [Fact]
    public async Task Publish_WithoutDraft_IsConflict()
    {
        var id = Samples.NewId("pb");
        await Samples.Publish(_ops, Samples.Onboarding(id));
        var problem = await (await _ops.PostJson($"/api/playbooks/{id}/publish", new { })).Expect(409);
        Assert.Contains("no draft", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Revert_CopiesOldVersionIntoDraft_WithoutChangingPublished()
    {
        var id = Samples.NewId("pb");
        await Samples.Publish(_ops, Samples.Onboarding(id, wait: "P1D"));
        await Samples.Publish(_ops, Samples.Onboarding(id, wait: "P3D"));

        await (await _ops.PostJson($"/api/playbooks/{id}/versions/1/revert", new { })).Expect(200);

        var playbook = await _ops.GetJson($"/api/playbooks/{id}");
        Assert.Equal("P1D", (string)playbook["draft"]!["steps"]![0]!["duration"]!);
        Assert.Equal("P3D", (string)playbook["published"]!["steps"]![0]!["duration"]!);
        Assert.Equal(3, await PublishDraft(id));
    }

    [Fact]
    public async Task Create_DuplicateId_IsConflict_AndKeepsOriginal()
    {
        var id = Samples.NewId("pb");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id, wait: "P1D"))).Expect(201);
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id, wait: "P9D"))).Expect(409);
        var playbook = await _ops.GetJson($"/api/playbooks/{id}");
        Assert.Equal("P1D", (string)playbook["draft"]!["steps"]![0]!["duration"]!);
    }

    [Fact]
    public async Task List_ShowsRunningInstancesPerVersion()
    {
        var id = Samples.NewId("pb");
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));
        await Samples.Publish(_ops, Samples.Onboarding(id));
        await Samples.Enrol(_ops, id, account);

        var list = (await _ops.GetJson("/api/playbooks")).AsArray();
        var entry = list.Single(p => (string)p!["id"]! == id)!;
        Assert.Equal(1, (int)entry["latestVersion"]!);
        Assert.Equal(1, (int)entry["running"]![0]!["version"]!);
        Assert.Equal(1, (int)entry["running"]![0]!["count"]!);
    }

    [Fact]
    public async Task RunningInstance_StaysPinnedToItsVersion_NewEnrolmentsUseLatest()
    {
        var id = Samples.NewId("pb");
        var (a, b) = (Samples.NewId("acct"), Samples.NewId("acct"));
        await Samples.CreateAccount(_ops, Samples.Account(a));
        await Samples.CreateAccount(_ops, Samples.Account(b));
        await Samples.Publish(_ops, Samples.Onboarding(id));
        var first = await Samples.Enrol(_ops, id, a);
        await Samples.Publish(_ops, Samples.Onboarding(id, wait: "P2D"));
        var second = await Samples.Enrol(_ops, id, b);

        Assert.Equal(1, (int)(await Samples.Instance(_ops, first))["version"]!);
        Assert.Equal(2, (int)(await Samples.Instance(_ops, second))["version"]!);
    }

    private async Task<int> PublishDraft(string id) =>
        (int)(await (await _ops.PostJson($"/api/playbooks/{id}/publish", new { note = "after revert" })).Expect(200))["version"]!;
}

public sealed class PlaybookLifecycleTests_Sqlite(SqliteHost f) : PlaybookLifecycleTests(f), IClassFixture<SqliteHost>;
public sealed class PlaybookLifecycleTests_Postgres(PostgresHost f) : PlaybookLifecycleTests(f), IClassFixture<PostgresHost>;
