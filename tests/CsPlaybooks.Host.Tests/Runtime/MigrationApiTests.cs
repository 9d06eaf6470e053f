using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>Moving running instances to a new version: dry run, apply, position kept, nothing re-run.</summary>
public abstract class MigrationApiTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();

    [Fact]
    public async Task DryRun_ListsLandingSteps_AndChangesNothing_ThenApplyMovesInstances()
    {
        var id = Samples.NewId("pb");
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));
        await Samples.Publish(_ops, Samples.Onboarding(id, wait: "P3D"));
        var instance = await Samples.Enrol(_ops, id, account);
        var dueBefore = (string)(await Samples.Instance(_ops, instance))["bookmarks"]![0]!["dueAt"]!;

        var v2 = Samples.Onboarding(id, wait: "P3D");
        v2["steps"]![0]!["id"] = "cool-off";
        v2["connections"]![0]!["from"] = "cool-off";
        await Samples.Publish(_ops, v2);

        var blocked = await (await _ops.PostJson($"/api/playbooks/{id}/migrations", new { fromVersion = 1 })).Expect(200);
        Assert.Equal(1, (int)blocked["blocked"]!);
        Assert.Contains("'settle'", (string)blocked["instances"]![0]!["reason"]!);

        var dryRun = await (await _ops.PostJson($"/api/playbooks/{id}/migrations", new { fromVersion = 1, stepMap = new { settle = "cool-off" } })).Expect(200);
        Assert.True((bool)dryRun["dryRun"]!);
        Assert.Equal(1, (int)dryRun["migratable"]!);
        Assert.Equal("cool-off", (string)dryRun["instances"]![0]!["positions"]![0]!["toStepId"]!);
        Assert.Equal(1, (int)(await Samples.Instance(_ops, instance))["version"]!);

        var applied = await (await _ops.PostJson($"/api/playbooks/{id}/migrations", new { fromVersion = 1, stepMap = new { settle = "cool-off" }, dryRun = false })).Expect(200);
        Assert.Equal(1, (int)applied["applied"]!);

        var detail = await Samples.Instance(_ops, instance);
        Assert.Equal(2, (int)detail["version"]!);
        Assert.Equal("cool-off", (string)detail["bookmarks"]![0]!["stepId"]!);
        Assert.Equal(dueBefore, (string)detail["bookmarks"]![0]!["dueAt"]!);
        Assert.Contains(Samples.Journal(detail), j => (string)j["kind"]! == "instance.migrated");
        var runtime = await _ops.GetJson($"/api/playbooks/{id}/versions/2/runtime");
        Assert.Equal(1, (int)runtime["waiting"]!["cool-off"]!);
    }

    [Fact]
    public async Task Apply_DoesNotRerunFinishedSteps()
    {
        var id = Samples.NewId("pb");
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));
        await Samples.Publish(_ops, Samples.Onboarding(id, wait: "PT0S", timeout: "P30D"));
        var instance = await Samples.Enrol(_ops, id, account);
        await Eventually.Get(() => Samples.Instance(_ops, instance),
            d => (string?)d["bookmarks"]!.AsArray().FirstOrDefault()?["stepId"] == "wait-opened", "the zero wait to fire");
        await Samples.Publish(_ops, Samples.Onboarding(id, wait: "P5D", timeout: "P30D"));

        await (await _ops.PostJson($"/api/playbooks/{id}/migrations", new { fromVersion = 1, toVersion = 2, dryRun = false })).Expect(200);
        await (await _ops.PostJson("/api/events", new { name = "account.opened", accountId = account })).Expect(202);

        var detail = await Samples.Instance(_ops, instance);
        Assert.Equal("completed", (string)detail["status"]!);
        Assert.Single(Samples.Journal(detail), j => (string?)j["stepId"] == "settle" && (string)j["kind"]! == "step.waiting");
    }

    [Fact]
    public async Task BadRequest_UnknownStepInMap_Returns400()
    {
        var id = Samples.NewId("pb");
        await Samples.Publish(_ops, Samples.Onboarding(id));
        await Samples.Publish(_ops, Samples.Onboarding(id, wait: "P2D"));
        var problem = await (await _ops.PostJson($"/api/playbooks/{id}/migrations", new { fromVersion = 1, stepMap = new { settle = "nope" } })).Expect(400);
        Assert.Contains("'nope' is not a step of v2", (string)problem["detail"]!);
        await (await _ops.PostJson($"/api/playbooks/{id}/migrations", new { stepMap = new { } })).Expect(400);
    }
}

public sealed class MigrationApiTests_Sqlite(SqliteHost f) : MigrationApiTests(f), IClassFixture<SqliteHost>;
public sealed class MigrationApiTests_Postgres(PostgresHost f) : MigrationApiTests(f), IClassFixture<PostgresHost>;
