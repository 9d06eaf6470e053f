using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Playbooks;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Success.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Demo;

/// <summary>The host with the shipped playbooks on the virtual clock, the demo book loaded once through the API and the pumps drained.</summary>
public abstract class LoadedDemoHost : IAsyncLifetime
{
    protected abstract Db Kind { get; }
    public TestHost Host { get; private set; } = null!;
    public JsonNode FirstLoad { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Host = ShippedPlaybookApp.NewHost(Kind);
        FirstLoad = await (await Host.SlowClient().PostJson("/api/demo", new { })).Expect(201);
        await Host.DrainAsync();
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public static class DemoClients
{
    /// <summary>A client that waits for a whole load of the demo book (hundreds of commits; minutes on a busy test machine).</summary>
    public static HttpClient SlowClient(this TestHost host, string key = TestHost.OpsKey)
    {
        var client = host.Client(key);
        client.Timeout = TimeSpan.FromMinutes(10);
        return client;
    }
}

public sealed class SqliteDemoHost : LoadedDemoHost { protected override Db Kind => Db.Sqlite; }
public sealed class PostgresDemoHost : LoadedDemoHost { protected override Db Kind => Db.Postgres; }

/// <summary>Issue 10 item 5: the demo book loaded through POST /api/demo — its contents, its effect on the shipped playbooks, idempotence, roles.</summary>
public abstract class DemoBookTests(LoadedDemoHost fixture)
{
    private readonly HttpClient _ops = fixture.Host.SlowClient();
    private static readonly string[] ShippedPlaybooks = ["handover", "novice-start", "growth-monthly-report", "pre-renewal", "win-back"];

    [Fact]
    public async Task Load_EmptyBook_SixtyMarkedAccountsAndCsms_EveryBandAndStage()
    {
        Assert.Equal("loaded", (string)fixture.FirstLoad["outcome"]!);
        var status = await _ops.GetJson("/api/demo");
        Assert.True((bool)status["loaded"]!);
        Assert.Equal(60, (int)status["accounts"]!);
        Assert.Equal(6, (int)status["csms"]!);
        foreach (var band in new[] { "green", "yellow", "red" })
            Assert.True((int?)status["bands"]![band] >= 1, $"no demo account is {band}: {status["bands"]}");
        foreach (var stage in Lifecycle.Stages)
            Assert.True((int?)status["stages"]![stage] >= 1, $"no demo account in stage {stage}: {status["stages"]}");

        var accounts = (await _ops.GetJson("/api/accounts?tag=demo&take=100"))["items"]!.AsArray();
        Assert.Equal(60, accounts.Count);
        Assert.All(accounts, a => Assert.EndsWith("(demo)", (string)a!["name"]!));
        Assert.Equal(["KA", "micro", "ordinary"], accounts.Select(a => (string)a!["tier"]!).Distinct().Order());
        Assert.True(accounts.Select(a => (string)a!["industry"]!).Distinct().Count() >= 4);
        var csms = (await _ops.GetJson("/api/csms")).AsArray().Where(c => ((string)c!["id"]!).StartsWith("demo-csm-")).ToList();
        Assert.All(csms, c => Assert.EndsWith("(demo)", (string)c!["name"]!));
        Assert.All(csms, c => Assert.True((int)c!["load"]! <= (int)c["capacity"]!, $"{c["id"]} over capacity"));
    }

    [Fact]
    public async Task Load_UsageScoredFromNinetyDays_HealthHistoryPerWeek()
    {
        var green = (await _ops.GetJson("/api/accounts?tag=growth&healthBand=green&take=1"))["items"]![0]!;
        var id = (string)green["id"]!;
        var history = (await _ops.GetJson($"/api/accounts/{id}/health"))["history"]!.AsArray();
        Assert.True(history.Count >= 12, $"expected about 13 weekly scores for {id}, got {history.Count}");
        await using var context = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        Assert.Equal(90, await context.UsageFacts.CountAsync(u => u.AccountId == id));
    }

    [Fact]
    public async Task Load_TriggersRun_EveryShippedPlaybookHasDemoAccounts()
    {
        foreach (var playbook in ShippedPlaybooks.Where(p => p != "growth-monthly-report"))
        {
            var running = await _ops.GetJson($"/api/instances?playbookId={playbook}&status=running&take=1");
            Assert.True((int)running["total"]! >= 1, $"no demo account is running {playbook}");
        }
        // The monthly report has no wait: its run for the latest tick finishes at once and leaves the CSM's check-in tasks open.
        var reports = await _ops.GetJson("/api/instances?playbookId=growth-monthly-report&take=100");
        Assert.True((int)reports["total"]! >= 1, "no demo account got its monthly report");
        var tasks = (await _ops.GetJson("/api/tasks?status=open&take=500"))["items"]!.AsArray();
        Assert.Contains(tasks, t => ((string)t!["title"]!).StartsWith("Monthly call with"));
    }

    [Fact]
    public async Task Load_NoEmailToARealLookingAddress()
    {
        var emails = (await _ops.GetJson("/api/emails?take=500"))["items"]!.AsArray();
        Assert.NotEmpty(emails);
        Assert.All(emails, e => Assert.Matches(@"@example\.(com|org)$", (string)e!["to"]!["address"]!));
    }

    [Fact]
    public async Task Load_Twice_SecondChangesNothing()
    {
        var before = await _ops.GetJson("/api/demo");
        var instancesBefore = (int)(await _ops.GetJson("/api/instances?take=1"))["total"]!;
        var again = await (await _ops.PostJson("/api/demo", new { })).Expect(200);
        await fixture.Host.DrainAsync();
        Assert.Equal("already-loaded", (string)again["outcome"]!);
        Assert.Equal(before.ToJsonString(), (await _ops.GetJson("/api/demo")).ToJsonString());
        Assert.Equal(instancesBefore, (int)(await _ops.GetJson("/api/instances?take=1"))["total"]!);
    }

    [Theory]
    [InlineData(TestHost.CsmKey)]
    [InlineData(TestHost.ViewerKey)]
    public async Task LoadAndRemove_NotOps_Forbidden_BookUnchanged(string key)
    {
        var client = fixture.Host.SlowClient(key);
        await (await client.PostJson("/api/demo", new { })).Expect(403);
        await (await client.DeleteAsync("/api/demo")).Expect(403);
        Assert.Equal(60, (int)(await client.GetJson("/api/demo"))["accounts"]!);
    }

    /// <summary>Issue 11 item 7: the forecast of each shipped playbook over the demo book at the default capacity names no overloaded CSM.</summary>
    [Fact]
    public async Task Forecast_EachShippedPlaybookOverTheDemoBook_NoCsmOverloaded()
    {
        foreach (var playbook in ShippedPlaybooks)
        {
            var started = await (await _ops.PostJson($"/api/playbooks/{playbook}/forecast", new { })).Expect(202);
            var location = $"/api/forecasts/{started["id"]}";
            var job = await Eventually.Get(() => _ops.GetJson(location), j => (string)j["state"]! != "running", $"the forecast of {playbook}", 120);
            Assert.Equal("completed", (string)job["state"]!);
            var report = job["result"]!;
            Assert.Equal(60, (int)report["accounts"]!);
            Assert.Equal(25, (int)report["taskCapacityPerWeek"]!);
            Assert.True(report["overloaded"]!.AsArray().Count == 0, $"{playbook}: {report["summary"]}");
        }
    }
}

public sealed class DemoBookTests_Sqlite(SqliteDemoHost f) : DemoBookTests(f), IClassFixture<SqliteDemoHost>;
public sealed class DemoBookTests_Postgres(PostgresDemoHost f) : DemoBookTests(f), IClassFixture<PostgresDemoHost>;
