using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>POST /api/playbooks/{id}/enrolments/batch: every row checked first, then each row started, skipped or reported, exactly once.</summary>
public abstract class EnrolmentBatchTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);

    [Fact]
    public async Task Batch_StartsEachAccountOnce_SkipsRepeats_ReportsUnknownAccounts()
    {
        var playbook = await PublishOnboarding();
        var accounts = await CreateAccounts(3);
        var missing = Samples.NewId("nobody");
        var rows = accounts.Select(a => new { accountId = a }).Append(new { accountId = missing }).Append(new { accountId = accounts[0] }).ToArray();

        var answer = await (await _integration.PostJson($"/api/playbooks/{playbook}/enrolments/batch", new { enrolments = rows })).Expect(200);
        Assert.Equal(3, (int)answer["started"]!);
        var results = answer["results"]!.AsArray();
        Assert.Equal(["started", "started", "started", "accountNotFound", "skipped"], results.Select(r => (string)r!["status"]!));
        Assert.Equal(accounts[0], (string)results[4]!["accountId"]!);
        foreach (var (account, i) in accounts.Select((a, i) => (a, i)))
        {
            var instance = await Samples.Instance(_ops, Guid.Parse((string)results[i]!["instanceId"]!));
            Assert.Equal(account, (string)instance["accountId"]!);
            Assert.Equal("running", (string)instance["status"]!);
            Assert.Equal(1, (int)(await _ops.GetJson($"/api/instances?playbookId={playbook}&accountId={account}"))["total"]!);
        }

        var again = await (await _integration.PostJson($"/api/playbooks/{playbook}/enrolments/batch", new { enrolments = accounts.Select(a => new { accountId = a }) })).Expect(200);
        Assert.Equal(0, (int)again["started"]!);
        Assert.All(again["results"]!.AsArray(), r => Assert.Equal("skipped", (string)r!["status"]!));
        foreach (var account in accounts)
            Assert.Equal(1, (int)(await _ops.GetJson($"/api/instances?playbookId={playbook}&accountId={account}"))["total"]!);
    }

    [Fact]
    public async Task Batch_IdempotencyKeys_StartOncePerKey()
    {
        var playbook = await PublishOnboarding(reentry: "always");
        var account = (await CreateAccounts(1))[0];
        var rows = new[] { new { accountId = account, idempotencyKey = "k1" }, new { accountId = account, idempotencyKey = "k2" }, new { accountId = account, idempotencyKey = "k1" } };

        var answer = await (await _integration.PostJson($"/api/playbooks/{playbook}/enrolments/batch", new { enrolments = rows })).Expect(200);
        Assert.Equal(["started", "started", "skipped"], answer["results"]!.AsArray().Select(r => (string)r!["status"]!));
        var single = await _integration.PostJson($"/api/playbooks/{playbook}/enrolments", new { accountId = account, idempotencyKey = "k2" });
        await single.Expect(409);
        Assert.Equal(2, (int)(await _ops.GetJson($"/api/instances?playbookId={playbook}&accountId={account}"))["total"]!);
    }

    [Fact]
    public async Task Batch_BadRows_RefusedWhole_NamingIndexAndField()
    {
        var playbook = await PublishOnboarding();
        var account = (await CreateAccounts(1))[0];

        var invalid = await (await _integration.PostJson($"/api/playbooks/{playbook}/enrolments/batch", new
        {
            enrolments = new object[] { new { accountId = account }, new { idempotencyKey = "" }, new { accountId = account, input = "text" }, 7 },
        })).Expect(400);
        var fields = invalid["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("enrolments[1].accountId", fields);
        Assert.Contains("enrolments[1].idempotencyKey", fields);
        Assert.Contains("enrolments[2].input", fields);
        Assert.Contains("enrolments[3]", fields);
        Assert.Contains("enrolments", (await (await _integration.PostJson($"/api/playbooks/{playbook}/enrolments/batch", new { enrolments = Array.Empty<object>() })).Expect(400))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Contains("enrolments", (await (await _integration.PostJson($"/api/playbooks/{playbook}/enrolments/batch", new { })).Expect(400))["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, (int)(await _ops.GetJson($"/api/instances?playbookId={playbook}&accountId={account}"))["total"]!);

        await (await _integration.PostJson($"/api/playbooks/{Samples.NewId("none")}/enrolments/batch", new { enrolments = new[] { new { accountId = account } } })).Expect(404);
        var draft = Samples.Onboarding(Samples.NewId("pb"));
        await (await _ops.PostJson("/api/playbooks", draft)).Expect(201);
        await (await _integration.PostJson($"/api/playbooks/{draft["id"]}/enrolments/batch", new { enrolments = new[] { new { accountId = account } } })).Expect(409);
    }

    private async Task<string> PublishOnboarding(string? reentry = null)
    {
        var playbook = Samples.Onboarding(Samples.NewId("pb"));
        if (reentry is not null) playbook["enrolment"] = new JsonObject { ["reentry"] = reentry };
        await Samples.Publish(_ops, playbook);
        return (string)playbook["id"]!;
    }

    private async Task<List<string>> CreateAccounts(int count)
    {
        var accounts = Enumerable.Range(0, count).Select(_ => Samples.NewId("acct")).ToList();
        foreach (var account in accounts) await Samples.CreateAccount(_ops, Samples.Account(account));
        return accounts;
    }
}

public sealed class EnrolmentBatchTests_Sqlite(SqliteClockHost f) : EnrolmentBatchTests(f), IClassFixture<SqliteClockHost>;
public sealed class EnrolmentBatchTests_Postgres(PostgresClockHost f) : EnrolmentBatchTests(f), IClassFixture<PostgresClockHost>;
