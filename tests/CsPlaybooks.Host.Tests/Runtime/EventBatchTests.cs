using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>POST /api/events/batch: all or nothing, idempotent per event id, 202 once stored, delivered by the event queue.</summary>
public abstract class EventBatchTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);

    [Fact]
    public async Task Batch_Stored_ThenDeliveredToWaitingInstancesAndTriggers()
    {
        var counter = await PublishCounter();
        var accounts = await CreateAccounts(3);
        var instances = await EnrolEach(counter, accounts);
        var triggered = Samples.Onboarding(Samples.NewId("pb"), trigger: new JsonObject { ["type"] = "event", ["event"] = "batch.signed" });
        await Samples.Publish(_ops, triggered);

        var batch = accounts.Select(a => Event($"{a}-1", "ping", a))
            .Append(Event($"{accounts[0]}-signed", "batch.signed", accounts[0])).Append(Event($"{accounts[0]}-unheard", "nobody.waits", accounts[0])).ToArray();
        var answer = await (await _integration.PostJson("/api/events/batch", new { events = batch })).Expect(202);
        Assert.Equal(5, (int)answer["accepted"]!);
        Assert.Empty(answer["duplicates"]!.AsArray());

        await fixture.Host.DrainAsync();
        foreach (var instance in instances)
            Assert.Equal(1, (int)(await Samples.Instance(_ops, instance))["variables"]!["pings"]!);
        Assert.Equal(1, (int)(await _ops.GetJson($"/api/instances?playbookId={triggered["id"]}&accountId={accounts[0]}"))["total"]!);
        var events = (await _ops.GetJson($"/api/events?accountId={accounts[0]}")).AsArray();
        Assert.Contains(events, e => (string)e!["id"]! == $"{accounts[0]}-1" && (string)e["outcome"]! == "resumed 1 instance(s)");
        Assert.Contains(events, e => (string)e!["id"]! == $"{accounts[0]}-signed" && ((string)e["outcome"]!).Contains($"started {triggered["id"]}"));
        Assert.Contains(events, e => (string)e!["id"]! == $"{accounts[0]}-unheard" && (string)e["outcome"]! == "resumed 0 instance(s)");
        // Every event of the batch is processed and released: none is left claimed or due for another delivery.
        await using var check = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        var ids = accounts.Select(a => $"{a}-1").Concat([$"{accounts[0]}-signed", $"{accounts[0]}-unheard"]).ToList();
        Assert.Empty(await check.Events.Where(e => ids.Contains(e.Id) && (e.ProcessedAt == null || e.ClaimedBy != null || e.ClaimedUntil != null || e.DeliverAt != null)).Select(e => e.Id).ToListAsync());
    }

    [Fact]
    public async Task Batch_RepeatedIds_StoredAndDeliveredOnce()
    {
        var counter = await PublishCounter();
        var account = (await CreateAccounts(1))[0];
        var instance = await Samples.Enrol(_ops, counter, account);

        var first = new[] { Event($"{account}-a", "ping", account), Event($"{account}-b", "ping", account) };
        await (await _integration.PostJson("/api/events/batch", new { events = first })).Expect(202);
        var again = await (await _integration.PostJson("/api/events/batch", new { events = first })).Expect(200);
        Assert.Equal(0, (int)again["accepted"]!);
        Assert.Equal([$"{account}-a", $"{account}-b"], again["duplicates"]!.AsArray().Select(d => (string)d!).Order());
        var mixed = await (await _integration.PostJson("/api/events/batch",
            new { events = new[] { Event($"{account}-b", "ping", account), Event($"{account}-c", "ping", account), Event($"{account}-c", "ping", account) } })).Expect(202);
        Assert.Equal(1, (int)mixed["accepted"]!);
        Assert.Equal(2, mixed["duplicates"]!.AsArray().Count);

        await fixture.Host.DrainAsync();
        var detail = await Samples.Instance(_ops, instance);
        Assert.Equal(3, (int)detail["variables"]!["pings"]!);
        Assert.Equal(3, (await _ops.GetJson($"/api/events?accountId={account}")).AsArray().Count);
        // Two pings resumed the instance in one unit: the bookmark the first added and the second consumed was never
        // stored; one row waits for the next ping.
        await using var check = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        Assert.Single(await check.Bookmarks.Where(b => b.InstanceId == instance && b.EventName == "ping").ToListAsync());
    }

    [Fact]
    public async Task Batches_PostedAtOnce_WithOverlappingIds_StoreAndDeliverEachIdOnce()
    {
        var counter = await PublishCounter();
        var account = (await CreateAccounts(1))[0];
        var instance = await Samples.Enrol(_ops, counter, account);
        // Four callers, 300 events each, every id sent by two of them, half of them in the reverse order: whichever
        // commits second finds the other's rows, and neither waits for the other in a cycle (a deadlock).
        var batches = Enumerable.Range(0, 4).Select(b => Enumerable.Range(b * 150, 300).Select(i => i % 600)
            .OrderBy(i => b % 2 == 0 ? i : -i).Select(i => Event($"{account}-o{i}", "ping", account)).ToArray()).ToList();

        var answers = await Task.WhenAll(batches.Select(async batch => await (await _integration.PostJson("/api/events/batch", new { events = batch })).Read()));

        Assert.Equal(600, answers.Sum(a => (int)a["accepted"]!));
        Assert.Equal(600, answers.Sum(a => a["duplicates"]!.AsArray().Count));
        await fixture.Host.DrainAsync();
        Assert.Equal(600, (int)(await Samples.Instance(_ops, instance))["variables"]!["pings"]!);
        await using var check = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        Assert.Equal(600, await check.Events.CountAsync(e => e.AccountId == account));
        Assert.Equal(600, await check.EventDeliveries.CountAsync(d => d.InstanceId == instance));
    }

    [Fact]
    public async Task Batch_BadEvent_RefusedWhole_NamingIndexAndField()
    {
        var account = (await CreateAccounts(1))[0];
        var missing = Samples.NewId("nobody");

        var invalid = await (await _integration.PostJson("/api/events/batch", new
        {
            events = new object[] { Event($"{account}-ok", "ping", account), new { id = $"{account}-x", accountId = account }, new { name = "ping", accountId = account }, "not an event" },
        })).Expect(400);
        var errors = invalid["errors"]!.AsObject();
        Assert.Contains("events[1].name", errors.Select(e => e.Key));
        Assert.Contains("events[2].id", errors.Select(e => e.Key));
        Assert.Contains("events[3]", errors.Select(e => e.Key));

        var unknown = await (await _integration.PostJson("/api/events/batch",
            new { events = new[] { Event($"{account}-ok", "ping", account), Event($"{account}-y", "ping", missing) } })).Expect(400);
        Assert.Equal(["events[1].accountId"], unknown["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains(missing, (string)unknown["detail"]!);

        Assert.Contains("events", (await (await _integration.PostJson("/api/events/batch", new { events = Array.Empty<object>() })).Expect(400))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("events", (await (await _integration.PostJson("/api/events/batch", new { events = "ping" })).Expect(400))["errors"]!.AsObject().Select(e => e.Key));
        await (await _integration.PostJson("/api/events/batch", new[] { 1 })).Expect(400);

        Assert.Empty((await _ops.GetJson($"/api/events?accountId={account}")).AsArray());
    }

    /// <summary>202 means stored: the rows are in the database when the answer comes, and another node delivers them.</summary>
    [Fact]
    public async Task Batch_DurableWhenAnswered_DeliveredByAnotherNode()
    {
        var counter = await PublishCounter();
        var accounts = await CreateAccounts(5);
        var instances = await EnrolEach(counter, accounts);
        var ids = accounts.Select(a => $"{a}-durable").ToList();

        await using (var first = new TestHost(fixture.Host.Database, TestHost.NewClock()))
        {
            await (await first.Client(TestHost.IntegrationKey).PostJson("/api/events/batch",
                new { events = accounts.Select((a, i) => Event(ids[i], "ping", a)).ToArray() })).Expect(202);
            await using var db = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
            Assert.Equal(5, await db.Events.CountAsync(e => ids.Contains(e.Id)));
        }

        // Had the first node claimed some of them when it stopped, they come back when its lease (Events:Lease, 30 s) ends.
        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        await fixture.Host.DrainAsync();
        foreach (var instance in instances)
            Assert.Equal(1, (int)(await Samples.Instance(_ops, instance))["variables"]!["pings"]!);
        await using var check = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        Assert.Equal(5, await check.Events.CountAsync(e => ids.Contains(e.Id) && e.ProcessedAt != null));
        Assert.Equal(5, await check.EventDeliveries.CountAsync(d => ids.Contains(d.EventId)));
    }

    /// <summary>
    /// An event delivered to an instance before the node stopped, but not yet marked processed, comes back to the queue;
    /// delivered again in a batch with other events, that instance is not resumed by it twice, and the others are resumed once.
    /// </summary>
    [Fact]
    public async Task Batch_EventAlreadyDeliveredBeforeACrash_NotDeliveredTwice_OthersOnce()
    {
        var counter = await PublishCounter();
        var accounts = await CreateAccounts(2);
        var instances = await EnrolEach(counter, accounts);
        var early = $"{accounts[0]}-early";
        await (await _integration.PostJson("/api/events/batch", new { events = new[] { Event(early, "ping", accounts[0]) } })).Expect(202);
        await fixture.Host.DrainAsync();
        await using (var crash = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create())
            // As a node leaves it when it stops between the delivery's commit and marking the event processed.
            await crash.Events.Where(e => e.Id == early).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ProcessedAt, (DateTimeOffset?)null).SetProperty(e => e.Outcome, (string?)null)
                .SetProperty(e => e.DeliverAt, fixture.Clock.GetUtcNow()));

        await (await _integration.PostJson("/api/events/batch", new { events = new[] { Event($"{accounts[0]}-late", "ping", accounts[0]), Event($"{accounts[1]}-late", "ping", accounts[1]) } })).Expect(202);
        await fixture.Host.DrainAsync();

        Assert.Equal(2, (int)(await Samples.Instance(_ops, instances[0]))["variables"]!["pings"]!);
        Assert.Equal(1, (int)(await Samples.Instance(_ops, instances[1]))["variables"]!["pings"]!);
        await using var check = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        Assert.Equal(1, await check.EventDeliveries.CountAsync(d => d.EventId == early));
        Assert.Equal(0, await check.Events.CountAsync(e => e.AccountId == accounts[0] && e.ProcessedAt == null));
    }

    private static object Event(string id, string name, string accountId) => new { id, name, accountId };

    private async Task<List<string>> CreateAccounts(int count)
    {
        var accounts = Enumerable.Range(0, count).Select(_ => Samples.NewId("acct")).ToList();
        foreach (var account in accounts) await Samples.CreateAccount(_ops, Samples.Account(account));
        return accounts;
    }

    private async Task<List<Guid>> EnrolEach(string playbookId, IEnumerable<string> accounts)
    {
        var instances = new List<Guid>();
        foreach (var account in accounts) instances.Add(await Samples.Enrol(_ops, playbookId, account));
        return instances;
    }

    private async Task<string> PublishCounter()
    {
        var playbook = Samples.Counter(Samples.NewId("counter"));
        await Samples.Publish(_ops, playbook);
        return (string)playbook["id"]!;
    }
}

public sealed class EventBatchTests_Sqlite(SqliteClockHost f) : EventBatchTests(f), IClassFixture<SqliteClockHost>;
public sealed class EventBatchTests_Postgres(PostgresClockHost f) : EventBatchTests(f), IClassFixture<PostgresClockHost>;
