using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>Durability across restarts: a timer set before a stop fires once after the next start; overdue timers are journaled late.</summary>
public abstract class RestartTests(Db kind)
{
    [Fact]
    public async Task Timer_SetBeforeStop_FiresExactlyOnceAfterRestart()
    {
        var database = TestDatabase.Create(kind);
        var clock = TestHost.NewClock();
        var playbook = Samples.Onboarding(Samples.NewId("pb"), wait: "PT2H");
        var account = Samples.NewId("acct");
        Guid instance;
        await using (var first = new TestHost(database, clock))
        {
            var ops = first.Client();
            await Samples.CreateAccount(ops, Samples.Account(account));
            await Samples.Publish(ops, playbook);
            instance = await Samples.Enrol(ops, (string)playbook["id"]!, account);
        }

        clock.Advance(TimeSpan.FromHours(3)); // the timer fell due while no host was running

        await using var second = new TestHost(database, clock);
        var client = second.Client();
        await Eventually.Get(() => Samples.Instance(client, instance),
            d => (string?)d["bookmarks"]!.AsArray().FirstOrDefault()?["stepId"] == "wait-opened", "the timer to fire after restart");
        await second.DrainAsync();
        var detail = await Samples.Instance(client, instance);
        Assert.Single(Samples.Journal(detail), j => (string?)j["stepId"] == "settle" && (string)j["kind"]! == "step.resumed");
        Assert.Single(Samples.Journal(detail), j => (string?)j["stepId"] == "wait-opened" && (string)j["kind"]! == "step.waiting");
    }

    /// <summary>Timers of one instance fire in due order; across instances they are claimed in due order and resumed in parallel.</summary>
    [Fact]
    public async Task OverdueTimers_AfterDowntime_FireInDueOrder_AndAreJournaledLate()
    {
        var database = TestDatabase.Create(kind);
        var clock = TestHost.NewClock();
        var account = Samples.NewId("acct");
        var playbook = new JsonObject
        {
            ["id"] = Samples.NewId("fork"),
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "fork", ["type"] = "setVariable", ["variable"] = "forked", ["value"] = "yes" },
                new JsonObject { ["id"] = "two-days", ["type"] = "wait", ["duration"] = "P2D" },
                new JsonObject { ["id"] = "one-day", ["type"] = "wait", ["duration"] = "P1D" }),
            ["connections"] = new JsonArray(
                new JsonObject { ["from"] = "fork", ["to"] = "two-days" },
                new JsonObject { ["from"] = "fork", ["to"] = "one-day" }),
        };
        Guid instance;
        await using (var first = new TestHost(database, clock))
        {
            var ops = first.Client();
            await Samples.CreateAccount(ops, Samples.Account(account));
            await Samples.Publish(ops, playbook);
            instance = await Samples.Enrol(ops, (string)playbook["id"]!, account);
        }

        clock.Advance(TimeSpan.FromDays(3));
        await using var second = new TestHost(database, clock);
        var detail = await Eventually.Get(() => Samples.Instance(second.Client(), instance), d => (string)d["status"]! == "completed", "both overdue timers");

        var resumed = Samples.Journal(detail).Where(j => (string)j["kind"]! == "step.resumed").ToList();
        Assert.Equal(["one-day", "two-days"], resumed.Select(j => (string)j["stepId"]!));
        Assert.All(resumed, j => Assert.True((bool)j["detail"]!["late"]!));
        Assert.Contains("late by 2d", (string)resumed[0]["summary"]!);
        Assert.Contains("late by 1d", (string)resumed[1]["summary"]!);
    }

    [Fact]
    public async Task ClaimOfCrashedNode_IsRetakenAfterLease_AndFiresOnce()
    {
        var clock = TestHost.NewClock();
        await using var host = new TestHost(TestDatabase.Create(kind), clock);
        var ops = host.Client();
        var instance = await EnrolWaitingAnHourAsync(ops);

        await using (var db = host.Services.GetRequiredService<PlaybooksDb>().Create())
        {
            var row = await db.Bookmarks.SingleAsync(b => b.InstanceId == instance);
            row.ClaimedBy = "crashed-node";
            row.ClaimedUntil = clock.GetUtcNow().AddHours(1).AddMinutes(5);
            await db.SaveChangesAsync();
        }

        clock.Advance(TimeSpan.FromHours(1));
        await host.DrainAsync();
        Assert.Equal("settle", (string)(await Samples.Instance(ops, instance))["bookmarks"]![0]!["stepId"]!);

        clock.Advance(TimeSpan.FromMinutes(6));
        var detail = await Eventually.Get(() => Samples.Instance(ops, instance),
            d => (string?)d["bookmarks"]!.AsArray().FirstOrDefault()?["stepId"] == "wait-opened", "the lease to expire and the timer to fire");
        Assert.Single(Samples.Journal(detail), j => (string)j["kind"]! == "step.resumed");
    }

    /// <summary>
    /// A node resumes timers with the lease end its claim stored as the rows' concurrency token (it does not read the rows
    /// again): when another node has taken a row over meanwhile, the batch commits nothing, the timer does not fire here,
    /// and it fires once for the node that holds it.
    /// </summary>
    [Fact]
    public async Task TimerBatch_WhoseLeaseWasTakenOver_FiresNothing_AndTheNewHolderFiresOnce()
    {
        var clock = TestHost.NewClock();
        await using var host = new TestHost(TestDatabase.Create(kind), clock);
        var ops = host.Client();
        var instance = await EnrolWaitingAnHourAsync(ops);

        // Node A claims the timer as it will be due in an hour; then its lease is taken over by node B.
        var due = clock.GetUtcNow().AddHours(1);
        var claimed = await host.Services.GetRequiredService<RowClaimer>().ClaimAsync("bookmarks", "due_at", null, "node-a", due, TimeSpan.FromMinutes(1), 10, CancellationToken.None);
        Assert.Single(claimed);
        await using (var db = host.Services.GetRequiredService<PlaybooksDb>().Create())
        {
            var row = await db.Bookmarks.SingleAsync(b => b.InstanceId == instance);
            Assert.Equal(claimed[0].LeaseUntil, row.ClaimedUntil);
            row.ClaimedBy = "node-b";
            row.ClaimedUntil = due.AddMinutes(5);
            await db.SaveChangesAsync();
        }

        await host.Services.GetRequiredService<WorkflowRuntime>().ResumeTimersAsync(claimed, "node-a", CancellationToken.None);
        var detail = await Samples.Instance(ops, instance);
        Assert.Equal("settle", (string)detail["bookmarks"]![0]!["stepId"]!);
        Assert.DoesNotContain(Samples.Journal(detail), j => (string)j["kind"]! == "step.resumed");

        // Node B never comes back: once its lease ends, this node's pump claims the timer and fires it once.
        clock.Advance(TimeSpan.FromHours(1).Add(TimeSpan.FromMinutes(6)));
        detail = await Eventually.Get(() => Samples.Instance(ops, instance),
            d => (string?)d["bookmarks"]!.AsArray().FirstOrDefault()?["stepId"] == "wait-opened", "node B's lease to end and the timer to fire");
        Assert.Single(Samples.Journal(detail), j => (string)j["kind"]! == "step.resumed");
    }

    /// <summary>An instance of a fresh onboarding playbook whose first wait (one hour) is its timer.</summary>
    private static async Task<Guid> EnrolWaitingAnHourAsync(HttpClient ops)
    {
        var playbook = Samples.Onboarding(Samples.NewId("pb"), wait: "PT1H");
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(ops, Samples.Account(account));
        await Samples.Publish(ops, playbook);
        return await Samples.Enrol(ops, (string)playbook["id"]!, account);
    }
}

public sealed class RestartTests_Sqlite() : RestartTests(Db.Sqlite);
public sealed class RestartTests_Postgres() : RestartTests(Db.Postgres);
