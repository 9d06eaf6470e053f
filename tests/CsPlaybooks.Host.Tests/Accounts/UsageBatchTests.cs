using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Accounts;

/// <summary>POST /api/usage: many accounts' facts stored and their health rescored in batches, exactly as one account's usage is.</summary>
public abstract class UsageBatchTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);

    private static object Row(string accountId, string date, int active, long api = 0) =>
        new { accountId, date, activeUsers = active, materialInput = 10, contentOutput = 5, featuresUsed = new[] { "editor", "reports" }, apiCalls = api };

    [Fact]
    public async Task Batch_ScoresEachAccountAsItsOwnUsageWould_RejectsUnknownAccounts()
    {
        var single = await NewAccount();
        var batched = await NewAccount();
        var red = await NewAccount();
        var missing = Samples.NewId("nobody");
        await (await _integration.PostJson($"/api/accounts/{single}/usage", new[] { Row(single, "2026-03-02", 8, 5), Row(single, "2026-03-03", 8, 5) })).Expect(200);

        var report = await (await _integration.PostJson("/api/usage", new[]
        {
            Row(batched, "2026-03-02", 8, 5), Row(red, "2026-03-02", 1), Row(missing, "2026-03-02", 3), Row(batched, "2026-03-03", 8, 5), Row(red, "2026-03-03", 1),
        })).Expect(200);
        Assert.Equal(4, (int)report["accepted"]!);
        var rejected = Assert.Single(report["rejected"]!.AsArray())!;
        Assert.Equal(2, (int)rejected["row"]!);
        Assert.Contains(missing, (string)rejected["errors"]!["accountId"]!);

        var expected = await _ops.GetJson($"/api/accounts/{single}/health");
        var actual = await _ops.GetJson($"/api/accounts/{batched}/health");
        Assert.Equal((int)expected["current"]!["score"]!, (int)actual["current"]!["score"]!);
        Assert.Equal("green", (string)actual["current"]!["band"]!);
        Assert.Equal(expected["current"]!["indicators"]!.ToJsonString(), actual["current"]!["indicators"]!.ToJsonString());
        Assert.Single(actual["history"]!.AsArray());
        Assert.Equal(8, (double)(await _ops.GetJson($"/api/accounts/{batched}"))["usage"]!["months"]!["2026-03"]!["activeUsers"]!);

        // The indexed columns follow the document: the band filter finds the red account.
        Assert.Equal(1, (int)(await _ops.GetJson($"/api/accounts?healthBand=red&q={red}"))["total"]!);
        Assert.Equal(0, (int)(await _ops.GetJson($"/api/accounts?healthBand=red&q={batched}"))["total"]!);
        Assert.Equal(1, (int)(await _ops.GetJson($"/api/accounts?healthBand=green&q={batched}"))["total"]!);
        var changed = (await _ops.GetJson($"/api/events?accountId={red}")).AsArray().Where(e => (string)e!["name"]! == "health.changed").ToList();
        Assert.Equal("red", (string)Assert.Single(changed)!["data"]!["to"]!);
    }

    [Fact]
    public async Task Batch_SentTwice_StoresOnceAndRaisesNothingNew()
    {
        var account = await NewAccount();
        var rows = new[] { Row(account, "2026-03-02", 1), Row(account, "2026-03-03", 1) };
        await (await _integration.PostJson("/api/usage", rows)).Expect(200);
        await (await _integration.PostJson("/api/usage", rows)).Expect(200);

        var health = await _ops.GetJson($"/api/accounts/{account}/health");
        Assert.Single(health["history"]!.AsArray());
        Assert.Single((await _ops.GetJson($"/api/events?accountId={account}")).AsArray(), e => (string)e!["name"]! == "health.changed");
    }

    [Fact]
    public async Task Batch_ADayRepeatedOrCorrected_KeepsOneFactWithTheLastValue()
    {
        var account = await NewAccount();
        await (await _integration.PostJson("/api/usage", new[] { Row(account, "2026-03-02", 3), Row(account, "2026-03-02", 7) })).Expect(200);
        Assert.Equal(7, (double)(await _ops.GetJson($"/api/accounts/{account}"))["usage"]!["months"]!["2026-03"]!["activeUsers"]!);

        await (await _integration.PostJson("/api/usage", new[] { Row(account, "2026-03-02", 9) })).Expect(200);
        Assert.Equal(9, (double)(await _ops.GetJson($"/api/accounts/{account}"))["usage"]!["months"]!["2026-03"]!["activeUsers"]!);
        Assert.Single((await _ops.GetJson($"/api/accounts/{account}/health"))["history"]!.AsArray());
    }

    [Fact]
    public async Task Batch_ADayBeforeTheScoredPeriodSentAgain_IsReplaced()
    {
        var account = await NewAccount();
        await (await _integration.PostJson("/api/usage", new[] { Row(account, "2025-06-01", 3), Row(account, "2026-03-02", 8) })).Expect(200);
        await (await _integration.PostJson("/api/usage", new[] { Row(account, "2025-06-01", 4), Row(account, "2026-03-03", 8) })).Expect(200);

        var days = (await _ops.GetJson($"/api/accounts/{account}/usage?from=2025-06-01&to=2026-03-31"))["days"]!.AsArray();
        Assert.Equal(["2025-06-01:4", "2026-03-02:8", "2026-03-03:8"], days.Select(d => $"{(string)d!["date"]!}:{(int)d["activeUsers"]!}"));
    }

    [Fact]
    public async Task Batch_CallersSendingTheSameDaysAtOnce_AllAcceptedEachDayStoredOnce()
    {
        var accounts = new List<string>();
        for (var i = 0; i < 12; i++) accounts.Add(await NewAccount());
        var rows = accounts.SelectMany(a => new[] { Row(a, "2026-03-02", 8), Row(a, "2026-03-03", 8), Row(a, "2026-03-04", 8) }).ToArray();

        var answers = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => _integration.PostJson("/api/usage", rows)));

        foreach (var answer in answers) await answer.Expect(200);
        foreach (var account in accounts)
        {
            var days = (await _ops.GetJson($"/api/accounts/{account}/usage?from=2026-03-01&to=2026-03-31"))["days"]!.AsArray();
            Assert.Equal(["2026-03-02", "2026-03-03", "2026-03-04"], days.Select(d => (string)d!["date"]!));
            Assert.Single((await _ops.GetJson($"/api/accounts/{account}/health"))["history"]!.AsArray());
            Assert.Single((await _ops.GetJson($"/api/events?accountId={account}")).AsArray(), e => (string)e!["name"]! == "health.changed");
        }
    }

    private async Task<string> NewAccount()
    {
        var id = Samples.NewId("acct");
        var account = Samples.Account(id);
        account["seats"] = 10;
        await Samples.CreateAccount(_integration, account);
        return id;
    }
}

public sealed class UsageBatchTests_Sqlite(SqliteHost f) : UsageBatchTests(f), IClassFixture<SqliteHost>;
public sealed class UsageBatchTests_Postgres(PostgresHost f) : UsageBatchTests(f), IClassFixture<PostgresHost>;
