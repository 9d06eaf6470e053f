using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Playbooks;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Demo;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Demo;

/// <summary>Removing the demo book in one action, and loading it on start with --demo (one node and two nodes at once).</summary>
public abstract class DemoRemovalAndStartTests(Db kind)
{
    [Fact]
    public async Task Remove_AfterLoad_NothingOfTheDemoLeft_OwnDataKept()
    {
        await using var host = ShippedPlaybookApp.NewHost(kind);
        var ops = host.SlowClient();
        await (await ops.PutJson("/api/csms/own-csm", new { name = "Casey Own", email = "casey@vendor.example", touchModel = "mid" })).Expect(201);
        var own = Samples.Account("own-account", tier: "ordinary");
        own["tags"] = new JsonArray("demo"); // tagged like the demo, but not one of its accounts
        own["stage"] = "growth";
        own["csmId"] = "own-csm";
        await Samples.CreateAccount(ops, own);
        await (await ops.PostJson("/api/demo", new { })).Expect(201);
        var ownWithDemoCsm = Samples.Account("own-with-demo-csm", tier: "ordinary");
        ownWithDemoCsm["csmId"] = "demo-csm-mei";
        await Samples.CreateAccount(ops, ownWithDemoCsm);
        await host.DrainAsync();
        Assert.True((int)(await ops.GetJson("/api/instances?status=running&take=1"))["total"]! > 0);

        var removed = await (await ops.DeleteAsync("/api/demo")).Expect(200);
        await host.DrainAsync();

        Assert.Equal(60, (int)removed["accounts"]!);
        Assert.Equal(6, (int)removed["csms"]!);
        Assert.True((int)removed["instancesCancelled"]! > 0);
        var status = await ops.GetJson("/api/demo");
        Assert.False((bool)status["loaded"]!);
        Assert.Equal(0, (int)status["accounts"]!);
        Assert.Equal(0, (int)status["csms"]!);
        await using (var context = host.Services.GetRequiredService<PlaybooksDb>().Create())
        {
            static bool Demo(string id) => id.StartsWith("demo-");
            Assert.DoesNotContain(await context.Accounts.Select(a => a.Id).ToListAsync(), Demo);
            Assert.DoesNotContain(await context.Csms.Select(c => c.Id).ToListAsync(), Demo);
            Assert.DoesNotContain(await context.UsageFacts.Select(u => u.AccountId).ToListAsync(), Demo);
            Assert.DoesNotContain(await context.HealthHistory.Select(h => h.AccountId).ToListAsync(), Demo);
            Assert.DoesNotContain(await context.AccountHistory.Select(h => h.AccountId).ToListAsync(), Demo);
            Assert.DoesNotContain(await context.Tasks.Select(t => t.AccountId).ToListAsync(), Demo);
            Assert.DoesNotContain(await context.Emails.Select(e => e.AccountId).ToListAsync(), Demo);
            Assert.DoesNotContain(await context.Events.Select(e => e.AccountId).ToListAsync(), Demo);
            Assert.DoesNotContain(await context.Instances.Select(i => i.AccountId).ToListAsync(), Demo);
            Assert.DoesNotContain(await context.Bookmarks.Select(b => b.AccountId).ToListAsync(), Demo);
            Assert.DoesNotContain(await context.SegmentMembers.Select(m => m.AccountId).ToListAsync(), Demo);
            Assert.DoesNotContain(await context.CsmAssignments.Select(a => a.AccountId).ToListAsync(), Demo);
            Assert.Equal(0, await context.Outbox.CountAsync(o => !context.Instances.Any(i => i.Id == o.InstanceId)));
        }
        Assert.Equal(["own-account", "own-with-demo-csm"], (await ops.GetJson("/api/accounts")).AsObject()["items"]!.AsArray().Select(a => (string)a!["id"]!).Order());
        Assert.Equal("own-csm", (string)(await ops.GetJson("/api/accounts/own-account"))["csmId"]!);
        Assert.Equal("own-csm", (string)(await ops.GetJson("/api/accounts/own-with-demo-csm"))["csmId"]!); // the only CSM left that fits
        await (await ops.GetAsync("/api/csms/own-csm")).Expect(200);
    }

    [Fact]
    public async Task Start_WithDemoSwitch_LoadsTheBook_RestartLoadsNothingMore()
    {
        var database = TestDatabase.Create(kind);
        var workflows = Path.Combine(ShippedPlaybooksHost.RepositoryRoot(), "workflows");
        var settings = new Dictionary<string, string> { ["Demo:Load"] = "true" };
        int instances;
        await using (var first = new TestHost(database, TestHost.NewClock(), workflows, settings))
        {
            var status = await first.SlowClient().GetJson("/api/demo");
            Assert.True((bool)status["loaded"]!);
            Assert.Equal(60, (int)status["accounts"]!);
            await first.DrainAsync();
            instances = (int)(await first.SlowClient().GetJson("/api/instances?take=1"))["total"]!;
        }
        await using var second = new TestHost(database, TestHost.NewClock(), workflows, settings);
        Assert.Equal(60, (int)(await second.SlowClient().GetJson("/api/demo"))["accounts"]!);
        await second.DrainAsync();
        Assert.Equal(instances, (int)(await second.SlowClient().GetJson("/api/instances?take=1"))["total"]!);
    }

    [Fact]
    public void DemoSwitch_OnTheCommandLine_BecomesTheDemoLoadSetting()
    {
        Assert.Equal(["--urls", "http://localhost:5000", "--Demo:Load=true"], DemoOptions.TranslateSwitch(["--urls", "http://localhost:5000", "--demo"]));
        Assert.Equal(["--Database:Provider=Sqlite"], DemoOptions.TranslateSwitch(["--Database:Provider=Sqlite"]));
    }
}

public sealed class DemoRemovalAndStartTests_Sqlite() : DemoRemovalAndStartTests(Db.Sqlite);
public sealed class DemoRemovalAndStartTests_Postgres() : DemoRemovalAndStartTests(Db.Postgres);

/// <summary>Two nodes started together with --demo on one fresh PostgreSQL database: the start-up lock lets one load, the other finds it loaded, and both schedulers join the cluster.</summary>
public sealed class DemoClusterStartTests
{
    [Fact]
    public async Task TwoNodesStartingWithDemo_OnAFreshDatabase_LoadTheBookOnce()
    {
        var database = TestDatabase.Create(Db.Postgres);
        var workflows = Path.Combine(ShippedPlaybooksHost.RepositoryRoot(), "workflows");
        var settings = new Dictionary<string, string> { ["Demo:Load"] = "true" };
        var hosts = Enumerable.Range(0, 2).Select(_ => new TestHost(database, TestHost.NewClock(), workflows, settings)).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => Task.Run(() => h.Server)));
            foreach (var host in hosts) Assert.Equal(60, (int)(await host.SlowClient().GetJson("/api/demo"))["accounts"]!);
            await using var context = hosts[0].Services.GetRequiredService<PlaybooksDb>().Create();
            Assert.Equal(6, await context.Csms.CountAsync());
            Assert.Equal(60, await context.AccountHistory.Where(h => h.Reason == "demo book loaded").Select(h => h.AccountId).Distinct().CountAsync());
            var signed = await context.Events.CountAsync(e => e.Name == "account.signed");
            Assert.Equal(6, signed);
            // Both schedulers finish their first cluster check-in: neither is left waiting for a lock row the other created.
            await Eventually.Get(() => context.Database.SqlQueryRaw<int>("SELECT count(*)::int AS \"Value\" FROM qrtz_scheduler_state").SingleAsync(),
                n => n == 2, "both nodes checked in to the Quartz cluster");
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }
}
