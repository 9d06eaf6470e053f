using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>100 concurrent events for one instance: every one counted once, none lost, none doubled.</summary>
public abstract class ConcurrencyTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();

    [Fact]
    public async Task HundredConcurrentEvents_OneInstance_EachCountedExactlyOnce()
    {
        var playbook = Samples.Counter(Samples.NewId("counter"));
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));
        await Samples.Publish(_ops, playbook);
        var instance = await Samples.Enrol(_ops, (string)playbook["id"]!, account);

        var responses = await Task.WhenAll(Enumerable.Range(0, 100).Select(async i =>
        {
            using var client = fixture.Host.Client(TestHost.IntegrationKey);
            return await client.PostJson("/api/events", new { id = $"{account}-ping-{i}", name = "ping", accountId = account });
        }));

        Assert.All(responses, r => Assert.Equal(202, (int)r.StatusCode));
        var detail = await Samples.Instance(_ops, instance);
        Assert.Equal(100, (int)detail["variables"]!["pings"]!);
        Assert.Equal(100, Samples.Journal(detail).Count(j => (string)j["kind"]! == "step.resumed"));
        Assert.Equal("running", (string)detail["status"]!);
        Assert.Equal("wait-ping", (string)detail["bookmarks"]!.AsArray().Single()!["stepId"]!);
        var events = (await _ops.GetJson($"/api/events?accountId={account}&take=1000")).AsArray();
        Assert.Equal(100, events.Count);
        Assert.All(events, e => Assert.Equal("resumed 1 instance(s)", (string)e!["outcome"]!));
    }

    /// <summary>Concurrent enrolments are committed in groups; a group with a duplicate falls back to one-by-one, so only the duplicates fail.</summary>
    [Fact]
    public async Task ConcurrentEnrolments_SameAccountAndOthers_OneInstancePerAccount()
    {
        var playbook = Samples.Onboarding(Samples.NewId("pb"));
        await Samples.Publish(_ops, playbook);
        var accounts = Enumerable.Range(0, 20).Select(_ => Samples.NewId("acct")).ToList();
        foreach (var account in accounts) await Samples.CreateAccount(_ops, Samples.Account(account));

        var attempts = accounts.SelectMany(a => Enumerable.Repeat(a, 5)).OrderBy(_ => Random.Shared.Next()).ToList();
        var responses = await Task.WhenAll(attempts.Select(async account =>
        {
            using var client = fixture.Host.Client();
            return (int)(await client.PostJson($"/api/playbooks/{playbook["id"]}/enrolments", new { accountId = account })).StatusCode;
        }));

        Assert.Equal(20, responses.Count(s => s == 201));
        Assert.Equal(80, responses.Count(s => s == 409));
        var instances = await _ops.GetJson($"/api/instances?playbookId={playbook["id"]}&take=500");
        Assert.Equal(20, (int)instances["total"]!);
        Assert.Equal(accounts.Order(), instances["items"]!.AsArray().Select(i => (string)i!["accountId"]!).Order());
    }
}

public sealed class ConcurrencyTests_Sqlite(SqliteHost f) : ConcurrencyTests(f), IClassFixture<SqliteHost>;
public sealed class ConcurrencyTests_Postgres(PostgresHost f) : ConcurrencyTests(f), IClassFixture<PostgresHost>;
