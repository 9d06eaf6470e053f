using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>Waits, events, timeouts, triggers and re-entry on a virtual clock, through the HTTP API and the real pumps.</summary>
public abstract class TimersAndEventsTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);

    [Fact]
    public async Task Wait_ThenEventReceived_CompletesByReceivedPath()
    {
        var (playbook, account) = await Setup(Samples.Onboarding(Samples.NewId("pb")));
        var instance = await Samples.Enrol(_ops, playbook, account);
        Assert.Equal("settle", await WaitingAt(instance));

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await Eventually.Get(() => WaitingAt(instance), s => s == "wait-opened", "the wait to fire");

        await (await _integration.PostJson("/api/events", new { name = "account.opened", accountId = account })).Expect(202);

        var detail = await Samples.Instance(_ops, instance);
        Assert.Equal("completed", (string)detail["status"]!);
        Assert.Contains(Samples.Journal(detail), j => (string)j["summary"]! == "opened");
        Assert.Single(Samples.Journal(detail), j => (string?)j["stepId"] == "settle" && (string)j["kind"]! == "step.resumed");
    }

    [Fact]
    public async Task WaitForEvent_NoEvent_LeavesByTimeoutAtCalendarTime()
    {
        var (playbook, account) = await Setup(Samples.Onboarding(Samples.NewId("pb"), wait: "P1D", timeout: "P7D"));
        var instance = await Samples.Enrol(_ops, playbook, account);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await Eventually.Get(() => WaitingAt(instance), s => s == "wait-opened", "the wait to fire");
        var due = DateTimeOffset.Parse((string)(await Samples.Instance(_ops, instance))["bookmarks"]![0]!["dueAt"]!);
        Assert.Equal(fixture.Clock.GetUtcNow().AddDays(7), due, TimeSpan.FromSeconds(1));

        fixture.Clock.Advance(TimeSpan.FromDays(6));
        await fixture.Host.DrainAsync();
        Assert.Equal("wait-opened", await WaitingAt(instance));

        fixture.Clock.Advance(TimeSpan.FromDays(1));
        var detail = await Eventually.Get(() => Samples.Instance(_ops, instance), d => (string)d["status"]! == "completed", "the timeout");
        Assert.Contains(Samples.Journal(detail), j => ((string)j["summary"]!).Contains("no account.opened within P7D"));
        Assert.Contains(Samples.Journal(detail), j => (string)j["summary"]! == "not opened in time");
    }

    [Fact]
    public async Task EventTrigger_StartsInstance_OncePerEventId_AndRespectsReentry()
    {
        var definition = Samples.Onboarding(Samples.NewId("pb"), trigger: new JsonObject { ["type"] = "event", ["event"] = "account.signed" });
        var (playbook, account) = await Setup(definition);

        await (await _integration.PostJson("/api/events", new { id = "sig-" + account, name = "account.signed", accountId = account })).Expect(202);
        var again = await (await _integration.PostJson("/api/events", new { id = "sig-" + account, name = "account.signed", accountId = account })).Expect(200);
        Assert.True((bool)again["duplicate"]!);
        await (await _integration.PostJson("/api/events", new { name = "account.signed", accountId = account })).Expect(202);

        var list = await _ops.GetJson($"/api/instances?playbookId={playbook}&accountId={account}");
        Assert.Equal(1, (int)list["total"]!);
    }

    [Fact]
    public async Task EventTrigger_WhenCondition_FiltersAccounts()
    {
        var trigger = new JsonObject { ["type"] = "event", ["event"] = "account.signed", ["when"] = "account.tier == \"KA\"" };
        var (playbook, ka) = await Setup(Samples.Onboarding(Samples.NewId("pb"), trigger: trigger));
        var micro = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(micro, tier: "micro"));

        await (await _integration.PostJson("/api/events", new { name = "account.signed", accountId = ka })).Expect(202);
        await (await _integration.PostJson("/api/events", new { name = "account.signed", accountId = micro })).Expect(202);

        Assert.Equal(1, (int)(await _ops.GetJson($"/api/instances?playbookId={playbook}&accountId={ka}"))["total"]!);
        Assert.Equal(0, (int)(await _ops.GetJson($"/api/instances?playbookId={playbook}&accountId={micro}"))["total"]!);
    }

    [Theory]
    [InlineData("afterExit", 2)]
    [InlineData("never", 1)]
    [InlineData("always", 3)]
    public async Task Reentry_Rule_DecidesWhetherAnAccountEntersAgain(string rule, int expectedInstances)
    {
        var definition = Samples.Onboarding(Samples.NewId("pb"), trigger: new JsonObject { ["type"] = "event", ["event"] = "account.signed" });
        definition["enrolment"] = new JsonObject { ["reentry"] = rule };
        var (playbook, account) = await Setup(definition);

        await (await _integration.PostJson("/api/events", new { name = "account.signed", accountId = account })).Expect(202);
        await (await _integration.PostJson("/api/events", new { name = "account.signed", accountId = account })).Expect(202);
        var first = (await _ops.GetJson($"/api/instances?playbookId={playbook}&accountId={account}&status=running"))["items"]![0]!;
        await (await _ops.PostJson($"/api/instances/{first["id"]}/cancel", new { reason = "test" })).Expect(200);
        await (await _integration.PostJson("/api/events", new { name = "account.signed", accountId = account })).Expect(202);

        Assert.Equal(expectedInstances, (int)(await _ops.GetJson($"/api/instances?playbookId={playbook}&accountId={account}"))["total"]!);
    }

    [Fact]
    public async Task StartPlaybook_EnrolsChildThroughOutbox()
    {
        var child = Samples.Onboarding(Samples.NewId("child"));
        await Samples.Publish(_ops, child);
        var parent = new JsonObject
        {
            ["id"] = Samples.NewId("parent"),
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "start-child", ["type"] = "startPlaybook", ["playbook"] = (string)child["id"]! },
                new JsonObject { ["id"] = "end", ["type"] = "end" }),
            ["connections"] = new JsonArray(new JsonObject { ["from"] = "start-child", ["to"] = "end" }),
        };
        var (_, account) = await Setup(parent);
        var parentInstance = await Samples.Enrol(_ops, (string)parent["id"]!, account);

        var children = await Eventually.Get(() => _ops.GetJson($"/api/instances?playbookId={child["id"]}&accountId={account}"),
            l => (int)l["total"]! == 1, "the child playbook to start");
        Assert.Equal("running", (string)children["items"]![0]!["status"]!);
        await fixture.Host.DrainAsync(); // the child is enrolled before the pump records the outbox message as sent
        var outbox = (await Samples.Instance(_ops, parentInstance))["outbox"]!.AsArray();
        Assert.Equal("sent", (string)outbox.Single()!["state"]!);
    }

    [Fact]
    public async Task FaultedStep_BecomesIncident_RetryAfterFixRunsFromFailedStep()
    {
        var definition = new JsonObject
        {
            ["id"] = Samples.NewId("pb"),
            ["steps"] = new JsonArray(
                new JsonObject { ["id"] = "until-renewal", ["type"] = "waitUntil", ["date"] = "account.renewalDate", ["offset"] = "-P7D" },
                new JsonObject { ["id"] = "end", ["type"] = "end" }),
            ["connections"] = new JsonArray(new JsonObject { ["from"] = "until-renewal", ["to"] = "end" }),
        };
        var (playbook, account) = await Setup(definition);
        var instance = await Samples.Enrol(_ops, playbook, account);

        var faulted = await Samples.Instance(_ops, instance);
        Assert.Equal("faulted", (string)faulted["status"]!);
        Assert.Equal("until-renewal", (string)faulted["faultedStepId"]!);
        Assert.Contains("not a date", (string)faulted["incidents"]![0]!["message"]!);

        var fixedAccount = Samples.Account(account);
        fixedAccount["renewalDate"] = "2026-12-01";
        await (await _ops.PutJson($"/api/accounts/{account}", fixedAccount)).Expect(200);
        await (await _ops.PostJson($"/api/instances/{instance}/retry", new { })).Expect(200);

        var retried = await Samples.Instance(_ops, instance);
        Assert.Equal("running", (string)retried["status"]!);
        // 2026-12-01 minus P7D, at the start of the day in the account's zone (Europe/Berlin, UTC+1 in November).
        Assert.Equal(new DateTimeOffset(2026, 11, 24, 0, 0, 0, TimeSpan.FromHours(1)), DateTimeOffset.Parse((string)retried["bookmarks"]![0]!["dueAt"]!));
        Assert.NotNull(retried["incidents"]![0]!["resolvedAt"]);
        await (await _ops.PostJson($"/api/instances/{instance}/retry", new { })).Expect(409);
    }

    [Fact]
    public async Task Cancel_RemovesWaits_AndTimerNeverFires()
    {
        var (playbook, account) = await Setup(Samples.Onboarding(Samples.NewId("pb")));
        var instance = await Samples.Enrol(_ops, playbook, account);
        await (await _ops.PostJson($"/api/instances/{instance}/cancel", new { reason = "customer asked" })).Expect(200);
        fixture.Clock.Advance(TimeSpan.FromDays(2));
        await fixture.Host.DrainAsync();

        var detail = await Samples.Instance(_ops, instance);
        Assert.Equal("cancelled", (string)detail["status"]!);
        Assert.Empty(detail["bookmarks"]!.AsArray());
        Assert.DoesNotContain(Samples.Journal(detail), j => (string)j["kind"]! == "step.resumed");
        await (await _ops.PostJson($"/api/instances/{instance}/cancel", new { })).Expect(409);
    }

    [Fact]
    public async Task EventStoredByANodeThatDied_DeliveredOnceAfterItsLease()
    {
        var (playbook, account) = await Setup(Samples.Onboarding(Samples.NewId("pb")));
        var instance = await Samples.Enrol(_ops, playbook, account);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await Eventually.Get(() => WaitingAt(instance), s => s == "wait-opened", "the wait to fire");
        var now = fixture.Clock.GetUtcNow();
        var id = Samples.NewId("evt");
        await using (var context = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create())
        {
            // Committed with the change that raised it by a node that died before delivering it: its claim still runs.
            context.Events.Add(new EventRecord
            {
                Id = id, Name = "account.opened", AccountId = account, ReceivedAt = now, DeliverAt = now, ClaimedBy = "dead-node", ClaimedUntil = now.AddSeconds(30),
            });
            await context.SaveChangesAsync();
        }
        await fixture.Host.DrainAsync();
        Assert.Equal("wait-opened", await WaitingAt(instance));

        fixture.Clock.Advance(TimeSpan.FromSeconds(31));
        await fixture.Host.DrainAsync();
        var detail = await Samples.Instance(_ops, instance);
        Assert.Equal("completed", (string)detail["status"]!);
        Assert.Single(Samples.Journal(detail), j => (string)j["summary"]! == "opened");
        await using var check = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        var stored = await check.Events.AsNoTracking().SingleAsync(e => e.Id == id);
        Assert.NotNull(stored.ProcessedAt);
        Assert.Null(stored.DeliverAt);
        Assert.Single(await check.EventDeliveries.AsNoTracking().Where(d => d.EventId == id).ToListAsync());
    }

    [Fact]
    public async Task Instances_FilterByStatusAccountAndPlaybook()
    {
        var (playbook, account) = await Setup(Samples.Onboarding(Samples.NewId("pb")));
        var other = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(other));
        var a = await Samples.Enrol(_ops, playbook, account);
        await Samples.Enrol(_ops, playbook, other);
        await (await _ops.PostJson($"/api/instances/{a}/cancel", new { })).Expect(200);

        Assert.Equal(2, (int)(await _ops.GetJson($"/api/instances?playbookId={playbook}"))["total"]!);
        var cancelled = await _ops.GetJson($"/api/instances?playbookId={playbook}&status=cancelled");
        Assert.Equal(a.ToString(), (string)cancelled["items"]!.AsArray().Single()!["id"]!);
        var running = await _ops.GetJson($"/api/instances?playbookId={playbook}&status=running&accountId={other}");
        Assert.Equal("settle", (string)running["items"]![0]!["waitingAt"]![0]!["stepId"]!);
        await (await _ops.GetAsync("/api/instances?status=sleeping")).Expect(400);
    }

    private async Task<(string Playbook, string Account)> Setup(JsonObject definition)
    {
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));
        await Samples.Publish(_ops, definition);
        return ((string)definition["id"]!, account);
    }

    private async Task<string?> WaitingAt(Guid instance) =>
        (string?)(await Samples.Instance(_ops, instance))["bookmarks"]!.AsArray().FirstOrDefault()?["stepId"];
}

public sealed class TimersAndEventsTests_Sqlite(SqliteClockHost f) : TimersAndEventsTests(f), IClassFixture<SqliteClockHost>;
public sealed class TimersAndEventsTests_Postgres(PostgresClockHost f) : TimersAndEventsTests(f), IClassFixture<PostgresClockHost>;
