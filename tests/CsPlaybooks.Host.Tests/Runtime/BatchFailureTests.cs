using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>
/// Bursts committed in batches (timers fired together, enrolments started together): when the database refuses one
/// burst of a batch, that instance is faulted with an incident and every other burst of the batch is committed exactly
/// once. PostgreSQL, where a trigger stands in for any refusal (a constraint, a value too long).
/// </summary>
public sealed class BatchFailureTests(PostgresClockHost fixture) : IClassFixture<PostgresClockHost>
{
    private readonly HttpClient _ops = fixture.Host.Client();

    [Fact]
    public async Task TimersFiredTogether_OneBurstRefused_OthersResumedOnce()
    {
        var playbook = Samples.Onboarding(Samples.NewId("pb"));
        await Samples.Publish(_ops, playbook);
        var instances = new List<Guid>();
        foreach (var account in await CreateAccounts(4)) instances.Add(await Samples.Enrol(_ops, (string)playbook["id"]!, account));
        var refused = instances[1];
        await RefuseBookmarksAsync($"NEW.instance_id = '{refused}' AND NEW.step_id = 'wait-opened'", refused.ToString("N"));

        fixture.Clock.Advance(TimeSpan.FromDays(1)); // the four timers come due at once: one claim, one batch
        await fixture.Host.DrainAsync();

        var faulted = await Samples.Instance(_ops, refused);
        Assert.Equal("faulted", (string)faulted["status"]!);
        Assert.Contains("refused by the test trigger", (string)Assert.Single(faulted["incidents"]!.AsArray())!["message"]!);
        foreach (var instance in instances.Where(i => i != refused))
        {
            var detail = await Samples.Instance(_ops, instance);
            Assert.Equal("running", (string)detail["status"]!);
            Assert.Single(Samples.Journal(detail), j => (string)j["kind"]! == "step.resumed" && (string?)j["stepId"] == "settle");
            Assert.Empty(detail["incidents"]!.AsArray());
        }
        await using var context = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        var others = instances.Where(i => i != refused).ToList();
        Assert.Equal(3, await context.Bookmarks.CountAsync(b => others.Contains(b.InstanceId) && b.StepId == "wait-opened"));
        Assert.Equal(0, await context.Bookmarks.CountAsync(b => others.Contains(b.InstanceId) && b.StepId == "settle"));
    }

    [Fact]
    public async Task EnrolmentsStartedTogether_OneBurstRefused_OthersStartedOnce()
    {
        var playbook = Samples.Onboarding(Samples.NewId("pb"));
        await Samples.Publish(_ops, playbook);
        var accounts = await CreateAccounts(4);
        await RefuseBookmarksAsync($"NEW.account_id = '{accounts[2]}'", accounts[2].Replace('-', '_'));

        var answer = await (await fixture.Host.Client(TestHost.IntegrationKey).PostJson($"/api/playbooks/{playbook["id"]}/enrolments/batch",
            new { enrolments = accounts.Select(a => new { accountId = a }) })).Expect(200);

        var results = answer["results"]!.AsArray();
        Assert.All(results, r => Assert.Equal("started", (string)r!["status"]!));
        Assert.Contains("faulted at once", (string)results[2]!["message"]!);
        for (var i = 0; i < accounts.Count; i++)
        {
            var detail = await Samples.Instance(_ops, Guid.Parse((string)results[i]!["instanceId"]!));
            Assert.Equal(i == 2 ? "faulted" : "running", (string)detail["status"]!);
            Assert.Equal(i == 2 ? 1 : 0, detail["incidents"]!.AsArray().Count);
            Assert.Equal(1, (int)(await _ops.GetJson($"/api/instances?playbookId={playbook["id"]}&accountId={accounts[i]}"))["total"]!);
        }
    }

    [Fact]
    public async Task EventsDeliveredTogether_OneBurstRefused_ItKeepsTheBookmarkItWaitsOn_OthersMoveOnOnce()
    {
        // Counter: each ping consumes the waiting bookmark and adds the next one. The consumed rows are deleted by
        // key, unread, in the burst's transaction: a refused burst must keep its row, the others must lose theirs.
        var counter = Samples.Counter(Samples.NewId("counter"));
        await Samples.Publish(_ops, counter);
        var instances = new List<Guid>();
        var accounts = await CreateAccounts(3);
        foreach (var account in accounts) instances.Add(await Samples.Enrol(_ops, (string)counter["id"]!, account));
        await using var context = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        var before = await context.Bookmarks.AsNoTracking().Where(b => instances.Contains(b.InstanceId)).ToDictionaryAsync(b => b.InstanceId, b => b.Id);
        var refused = instances[1];
        await RefuseBookmarksAsync($"NEW.instance_id = '{refused}'", "c" + refused.ToString("N"));

        var events = accounts.Select(a => new { id = $"{a}-ping", name = "ping", accountId = a });
        await (await fixture.Host.Client(TestHost.IntegrationKey).PostJson("/api/events/batch", new { events })).Expect(202);
        await fixture.Host.DrainAsync();

        Assert.Equal("faulted", (string)(await Samples.Instance(_ops, refused))["status"]!);
        var after = await context.Bookmarks.AsNoTracking().Where(b => instances.Contains(b.InstanceId)).ToListAsync();
        Assert.Equal(before[refused], Assert.Single(after, b => b.InstanceId == refused).Id);
        foreach (var instance in instances.Where(i => i != refused))
        {
            Assert.Equal(1, (int)(await Samples.Instance(_ops, instance))["variables"]!["pings"]!);
            var row = Assert.Single(after, b => b.InstanceId == instance);
            Assert.NotEqual(before[instance], row.Id);
            Assert.Equal("wait-ping", row.StepId);
        }
    }

    private async Task RefuseBookmarksAsync(string condition, string name)
    {
        await using var context = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        var sql = $"""
            CREATE FUNCTION refuse_{name}() RETURNS trigger AS $$
            BEGIN
              IF {condition} THEN RAISE EXCEPTION 'refused by the test trigger'; END IF;
              RETURN NEW;
            END $$ LANGUAGE plpgsql;
            CREATE TRIGGER refuse_{name} BEFORE INSERT ON bookmarks FOR EACH ROW EXECUTE FUNCTION refuse_{name}();
            """;
        await context.Database.ExecuteSqlRawAsync(sql); // DDL from ids this test made
    }

    private async Task<List<string>> CreateAccounts(int count)
    {
        var accounts = Enumerable.Range(0, count).Select(_ => Samples.NewId("acct")).ToList();
        foreach (var account in accounts) await Samples.CreateAccount(_ops, Samples.Account(account));
        return accounts;
    }
}
