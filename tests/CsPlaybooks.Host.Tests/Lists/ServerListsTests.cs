using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Lists;

/// <summary>Accounts and tasks paged, sorted, searched and filtered by the server, with true totals; bad parameters named in a 400.</summary>
public abstract class ServerListsTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);

    private async Task<string> Account(string tag, string name, string tier, string stage, string industry, string contractEnd)
    {
        var id = Samples.NewId("list");
        var account = Samples.Account(id, tier);
        account["name"] = name;
        account["stage"] = stage;
        account["industry"] = industry;
        account["tags"] = new JsonArray(tag);
        account["contract"]!["end"] = contractEnd;
        await Samples.CreateAccount(_integration, account);
        return id;
    }

    private static string[] Ids(JsonNode page) => page["items"]!.AsArray().Select(a => (string)a!["id"]!).ToArray();

    [Fact]
    public async Task AccountList_FiltersSortsAndPages_WithTrueTotal()
    {
        var tag = Samples.NewId("t");
        var token = Guid.NewGuid().ToString("N")[..10];
        var a = await Account(tag, $"Alpha {token}", "KA", "at-risk", "tourism", "2026-05-01");
        var b = await Account(tag, $"Bravo {token}", "KA", "at-risk", "retail", "2026-04-01");
        var c = await Account(tag, $"Charlie {token}", "KA", "growth", "tourism", "2026-09-01");
        var d = await Account(tag, $"Delta {token}", "micro", "at-risk", "tourism", "2027-01-01");

        var all = await _ops.GetJson($"/api/accounts?tag={tag}&sort=name&take=2");
        Assert.Equal(4, (int)all["total"]!);
        Assert.Equal([a, b], Ids(all));
        Assert.Equal([c, d], Ids(await _ops.GetJson($"/api/accounts?tag={tag}&sort=name&take=2&skip=2")));
        Assert.Equal([d, c, b, a], Ids(await _ops.GetJson($"/api/accounts?tag={tag}&sort=-name")));
        Assert.Equal([b, a, c, d], Ids(await _ops.GetJson($"/api/accounts?tag={tag}&sort=contractEnd")));
        // Pages past the middle are read from the far end: the same rows in the same order, the last one short.
        Assert.Equal([d], Ids(await _ops.GetJson($"/api/accounts?tag={tag}&sort=name&take=2&skip=3")));
        Assert.Equal([c, d], Ids(await _ops.GetJson($"/api/accounts?tag={tag}&sort=name&take=3&skip=2")));
        Assert.Equal([b], Ids(await _ops.GetJson($"/api/accounts?tag={tag}&sort=-contractEnd&take=1&skip=3")));
        Assert.Equal([a], Ids(await _ops.GetJson($"/api/accounts?tag={tag}&sort=-name&take=5&skip=3")));
        Assert.Empty(Ids(await _ops.GetJson($"/api/accounts?tag={tag}&sort=name&take=2&skip=4")));

        var risky = await _ops.GetJson($"/api/accounts?tag={tag}&tier=KA&stage=at-risk");
        Assert.Equal(2, (int)risky["total"]!);
        Assert.Equal([a, b], Ids(risky));
        Assert.Equal([a, c, d], Ids(await _ops.GetJson($"/api/accounts?tag={tag}&industry=tourism")));
        Assert.Equal([a, b], Ids(await _ops.GetJson($"/api/accounts?tag={tag}&contractEndFrom=2026-04-01&contractEndTo=2026-06-01")));
        Assert.Equal(4, (int)(await _ops.GetJson($"/api/accounts?tag={tag}&healthBand=unscored"))["total"]!);
        Assert.Equal(0, (int)(await _ops.GetJson($"/api/accounts?tag={tag}&healthBand=green"))["total"]!);

        // Search runs on the server over every account, not over a loaded page.
        var found = await _ops.GetJson($"/api/accounts?q=charlie%20{token}");
        Assert.Equal([c], Ids(found));
        Assert.Equal([d], Ids(await _ops.GetJson($"/api/accounts?q={d}")));
    }

    [Fact]
    public async Task AccountList_ChangedDocument_ColumnsFollow()
    {
        var tag = Samples.NewId("t");
        var id = await Account(tag, "Moves", "ordinary", "onboarding", "beauty", "2026-12-31");
        var account = await _ops.GetJson($"/api/accounts/{id}");
        account["stage"] = "growth";
        account["tier"] = "KA";
        await (await _integration.PutJson($"/api/accounts/{id}", account)).Expect(200);
        Assert.Equal([id], Ids(await _ops.GetJson($"/api/accounts?tag={tag}&tier=KA&stage=growth")));
        Assert.Empty(Ids(await _ops.GetJson($"/api/accounts?tag={tag}&stage=onboarding")));
    }

    [Theory]
    [InlineData("/api/accounts?tier=gold", "tier")]
    [InlineData("/api/accounts?stage=sleeping", "stage")]
    [InlineData("/api/accounts?healthBand=blue", "healthBand")]
    [InlineData("/api/accounts?sort=colour", "sort")]
    [InlineData("/api/accounts?take=0", "take")]
    [InlineData("/api/accounts?take=501", "take")]
    [InlineData("/api/accounts?skip=-1", "skip")]
    [InlineData("/api/accounts?contractEndFrom=01/02/2026", "contractEndFrom")]
    [InlineData("/api/tasks?due=someday", "due")]
    [InlineData("/api/tasks?tier=gold", "tier")]
    [InlineData("/api/tasks?sort=-colour", "sort")]
    [InlineData("/api/emails?healthBand=blue", "healthBand")]
    [InlineData("/api/emails?take=1000", "take")]
    [InlineData("/api/instances?stage=sleeping", "stage")]
    [InlineData("/api/instances?sort=size", "sort")]
    public async Task Lists_BadParameter_400NamingIt(string url, string parameter)
    {
        var problem = await (await _ops.GetAsync(url)).Expect(400);
        Assert.True(problem["errors"]!.AsObject().ContainsKey(parameter), $"{url}: {problem}");
    }

    [Fact]
    public async Task TaskList_AccountFiltersAndDueWindow_ServerSide()
    {
        var tag = Samples.NewId("t");
        var ka = await Account(tag, "Task KA", "KA", "at-risk", "tourism", "2026-12-31");
        var micro = await Account(tag, "Task micro", "micro", "growth", "tourism", "2026-12-31");
        var playbook = Samples.NewId("tasks");
        await Samples.Publish(_ops, TaskPlaybook(playbook));
        await Samples.Enrol(_integration, playbook, ka);
        await Samples.Enrol(_integration, playbook, micro);
        var mine = await Eventually.Get(() => _ops.GetJson($"/api/tasks?playbookId={playbook}"), t => (int)t["total"]! == 2, "both tasks");
        Assert.Equal(2, mine["items"]!.AsArray().Count);

        var kaOnly = await _ops.GetJson($"/api/tasks?playbookId={playbook}&tier=KA&stage=at-risk");
        Assert.Equal(ka, (string)Assert.Single(kaOnly["items"]!.AsArray())!["accountId"]!);
        // Due in 3 days: in this week's window, not today's.
        Assert.Equal(2, (int)(await _ops.GetJson($"/api/tasks?playbookId={playbook}&due=week"))["total"]!);
        Assert.Equal(0, (int)(await _ops.GetJson($"/api/tasks?playbookId={playbook}&due=today"))["total"]!);
        Assert.Equal(1, (int)(await _ops.GetJson($"/api/tasks?playbookId={playbook}&q=task%20for%20{micro}"))["total"]!);
        var paged = await _ops.GetJson($"/api/tasks?tag={tag}&sort=-account&take=1");
        Assert.Equal(2, (int)paged["total"]!);
        Assert.Equal(new[] { ka, micro }.Max(StringComparer.Ordinal), (string)paged["items"]![0]!["accountId"]!);
    }

    private static JsonObject TaskPlaybook(string id) => new()
    {
        ["id"] = id, ["name"] = "Tasks " + id, ["trigger"] = new JsonObject { ["type"] = "manual" },
        ["steps"] = new JsonArray(
            new JsonObject { ["id"] = "ask", ["type"] = "createTask", ["assignee"] = "csm", ["title"] = "Task for {{ account.id }}", ["due"] = "P3D" },
            new JsonObject { ["id"] = "done", ["type"] = "end" }),
        ["connections"] = new JsonArray(new JsonObject { ["from"] = "ask", ["to"] = "done" }),
    };
}

public sealed class ServerListsTests_Sqlite(SqliteClockHost f) : ServerListsTests(f), IClassFixture<SqliteClockHost>;
public sealed class ServerListsTests_Postgres(PostgresClockHost f) : ServerListsTests(f), IClassFixture<PostgresClockHost>;
