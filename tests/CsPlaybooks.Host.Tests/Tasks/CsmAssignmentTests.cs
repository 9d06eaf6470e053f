using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Tasks;

/// <summary>
/// Assignment and handover through the HTTP API. CSMs are global, so every test gives its CSMs and accounts an industry
/// of its own: no other test's CSM can fit them.
/// </summary>
public abstract class CsmAssignmentTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();

    [Fact]
    public async Task Assign_PicksLeastLoaded_AndNeverOverCapacity()
    {
        var industry = Samples.NewId("ind");
        var (a, b) = (Samples.NewId("csm"), Samples.NewId("csm"));
        await TaskSamples.PutCsm(_ops, a, TaskSamples.Csm("A", "high", [industry], capacity: 2));
        await TaskSamples.PutCsm(_ops, b, TaskSamples.Csm("B", "high", [industry], capacity: 1));
        await Samples.CreateAccount(_ops, TaskSamples.Account(Samples.NewId("acct"), "KA", industry, csmId: b));

        var first = await Assign(await NewAccount("KA", industry));
        Assert.Equal(a, (string)first["csmId"]!);                    // b already has one account
        var second = await Assign(await NewAccount("KA", industry));
        Assert.Equal(a, (string)second["csmId"]!);                   // a has 1, b is at capacity 1
        var third = await Assign(await NewAccount("KA", industry));
        Assert.Equal("nobodyFits", (string)third["status"]!);        // a at 2 of 2, b at 1 of 1
        Assert.Contains("at capacity", (string)third["reason"]!);

        var loads = (await _ops.GetJson("/api/csms")).AsArray().Where(c => (string)c!["id"]! == a || (string)c!["id"]! == b)
            .ToDictionary(c => (string)c!["id"]!, c => ((int)c!["load"]!, (int)c!["capacity"]!));
        Assert.Equal((2, 2), loads[a]);
        Assert.Equal((1, 1), loads[b]);
    }

    [Fact]
    public async Task Assign_ConcurrentRequestsForTheLastSlots_NeverOverCapacity()
    {
        var industry = Samples.NewId("ind");
        var csm = Samples.NewId("csm");
        await TaskSamples.PutCsm(_ops, csm, TaskSamples.Csm("Only", "high", [industry], capacity: 3));
        var accounts = new List<string>();
        for (var i = 0; i < 12; i++) accounts.Add(await NewAccount("KA", industry));

        var results = await Task.WhenAll(accounts.Select(Assign));
        Assert.Equal(3, results.Count(r => (string?)r["csmId"] == csm));
        Assert.Equal(9, results.Count(r => (string)r["status"]! == "nobodyFits"));
        var load = (await _ops.GetJson("/api/csms")).AsArray().Single(c => (string)c!["id"]! == csm)!;
        Assert.Equal(3, (int)load["load"]!);
    }

    [Fact]
    public async Task Assign_MatchesTouchModelFromTier_AndSkills()
    {
        var industry = Samples.NewId("ind");
        var (high, mid, wrongIndustry) = (Samples.NewId("csm"), Samples.NewId("csm"), Samples.NewId("csm"));
        await TaskSamples.PutCsm(_ops, high, TaskSamples.Csm("High", "high", [industry]));
        await TaskSamples.PutCsm(_ops, mid, TaskSamples.Csm("Mid", "mid", [industry]));
        await TaskSamples.PutCsm(_ops, wrongIndustry, TaskSamples.Csm("Other", "mid", [industry + "-x"]));

        Assert.Equal(high, (string)(await Assign(await NewAccount("KA", industry)))["csmId"]!);
        Assert.Equal(mid, (string)(await Assign(await NewAccount("ordinary", industry)))["csmId"]!);
        Assert.Equal(mid, (string)(await Assign(await NewAccount("micro", industry)))["csmId"]!);   // no tech CSM: micro falls back to mid

        var account = await NewAccount("KA", industry);
        await Assign(account);
        var stored = await _ops.GetJson($"/api/accounts/{account}");
        Assert.Equal(high, (string)stored["csmId"]!);
        Assert.Equal("High", (string)stored["csm"]!["name"]!);
        var journal = (await _ops.GetJson($"/api/csms/assignments/{account}")).AsArray();
        Assert.Equal(high, (string)journal.Single()!["toCsmId"]!);
    }

    [Fact]
    public async Task Assign_NobodyFits_CreatesTaskForLeadExplainingWhy()
    {
        var industry = Samples.NewId("ind");
        var lead = Samples.NewId("aaa-lead");
        await TaskSamples.PutCsm(_ops, lead, TaskSamples.Csm("Lead", "high", [industry + "-lead"], isLead: true));
        await TaskSamples.PutCsm(_ops, Samples.NewId("csm"), TaskSamples.Csm("Mid only", "mid", [industry]));
        var account = await NewAccount("KA", industry);

        var result = await Assign(account);
        Assert.Equal("nobodyFits", (string)result["status"]!);
        var task = await _ops.GetJson($"/api/tasks/{result["leadTaskId"]}");
        Assert.Equal("cs-lead", (string)task["assignee"]!["role"]!);
        Assert.NotNull(task["assignee"]!["csmId"]);
        Assert.Contains("touch model mid, the account needs high", (string)task["description"]!);
        Assert.Null((await _ops.GetJson($"/api/accounts/{account}"))["csmId"]);
    }

    [Fact]
    public async Task AssignCsmStep_AssignsTheInstancesAccount()
    {
        var industry = Samples.NewId("ind");
        var csm = Samples.NewId("csm");
        await TaskSamples.PutCsm(_ops, csm, TaskSamples.Csm("Step", "high", [industry]));
        var account = await NewAccount("KA", industry);
        var playbook = Samples.NewId("pb");
        await Samples.Publish(_ops, new JsonObject
        {
            ["id"] = playbook, ["name"] = "Assign", ["trigger"] = new JsonObject { ["type"] = "manual" },
            ["steps"] = new JsonArray(new JsonObject { ["id"] = "assign", ["type"] = "assignCsm" }),
            ["connections"] = new JsonArray(),
        });
        await Samples.Enrol(_ops, playbook, account);
        await Eventually.Get(async () => (string?)(await _ops.GetJson($"/api/accounts/{account}"))["csmId"], id => id == csm, "the assignment");
    }

    [Fact]
    public async Task Handover_MovesBook_JournalsIt_AndCreatesTasksForReceiver()
    {
        var industry = Samples.NewId("ind");
        var (from, to) = (Samples.NewId("csm"), Samples.NewId("csm"));
        await TaskSamples.PutCsm(_ops, from, TaskSamples.Csm("Leaving", "mid", [industry]));
        await TaskSamples.PutCsm(_ops, to, TaskSamples.Csm("Joining", "mid", [industry], capacity: 3));
        var accounts = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            accounts.Add(Samples.NewId("acct"));
            await Samples.CreateAccount(_ops, TaskSamples.Account(accounts[i], "ordinary", industry, csmId: from));
        }

        var partial = await (await _ops.PostJson($"/api/csms/{from}/handover", new { toCsmId = to, accountIds = new[] { accounts[0] } })).Expect(200);
        Assert.Single(partial["tasks"]!.AsArray());
        var rest = await (await _ops.PostJson($"/api/csms/{from}/handover", new { toCsmId = to })).Expect(200);
        Assert.Equal(2, rest["accounts"]!.AsArray().Count);

        var receiver = await _ops.GetJson($"/api/csms/{to}");
        Assert.Equal(3, (int)receiver["csm"]!["load"]!);
        Assert.Equal(0, (int)(await _ops.GetJson($"/api/csms/{from}"))["csm"]!["load"]!);
        foreach (var account in accounts)
        {
            Assert.Equal(to, (string)(await _ops.GetJson($"/api/accounts/{account}"))["csmId"]!);
            var task = (await TaskSamples.Tasks(_ops, $"account={account}")).Single()!;
            Assert.Equal(to, (string)task["assignee"]!["csmId"]!);
            Assert.StartsWith("Handover: take over", (string)task["title"]!);
            Assert.Equal("handover", (string)(await _ops.GetJson($"/api/csms/assignments/{account}")).AsArray().Single()!["kind"]!);
        }

        var extra = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, TaskSamples.Account(extra, "ordinary", industry, csmId: from));
        await (await _ops.PostJson($"/api/csms/{from}/handover", new { toCsmId = to })).Expect(409);   // 'to' is at capacity 3
        await (await _ops.DeleteAsync($"/api/csms/{from}")).Expect(409);
    }

    private async Task<string> NewAccount(string tier, string industry)
    {
        var id = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, TaskSamples.Account(id, tier, industry));
        return id;
    }

    private async Task<JsonNode> Assign(string account) =>
        await (await _ops.PostJson("/api/csms/assignments", new { accountId = account })).Expect(200);
}

public sealed class CsmAssignmentTests_Sqlite(SqliteHost f) : CsmAssignmentTests(f), IClassFixture<SqliteHost>;
public sealed class CsmAssignmentTests_Postgres(PostgresHost f) : CsmAssignmentTests(f), IClassFixture<PostgresHost>;
