using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Hosting;

/// <summary>
/// Per-endpoint body limits from configuration (small here, so the tests stay light): a body over its endpoint's limit is
/// answered 413 with the limit and the setting to change, whether it declares its length or is sent chunked, and
/// nothing is stored; endpoints with a larger limit accept what the default refuses.
/// </summary>
public abstract class BodySizeLimitTests(HostFixture fixture)
{
    public static readonly Dictionary<string, string> SmallLimits = new()
    {
        ["Limits:RequestBody:Default"] = "4096",
        ["Limits:RequestBody:Playbook"] = "16384",
        ["Limits:RequestBody:Import"] = "32768",
    };

    private readonly HttpClient _ops = fixture.Host.Client();

    [Fact]
    public async Task PostEvent_OverDefaultLimit_Returns413NamingLimitAndSetting_AndStoresNothing()
    {
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));

        var problem = await (await _ops.PostJson("/api/events", Event(account, 5000))).Expect(413);

        AssertTooLarge(problem, "4 KiB (4,096 bytes, setting Limits:RequestBody:Default)");
        Assert.Empty((await _ops.GetJson($"/api/events?accountId={account}")).AsArray());
    }

    [Fact]
    public async Task PostEvent_ChunkedOverDefaultLimit_Returns413_AndStoresNothing()
    {
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));

        var problem = await (await _ops.PostAsync("/api/events", new ChunkedJson(Event(account, 5000).ToJsonString()))).Expect(413);

        AssertTooLarge(problem, "Limits:RequestBody:Default");
        Assert.Empty((await _ops.GetJson($"/api/events?accountId={account}")).AsArray());
    }

    [Fact]
    public async Task PostEvent_UnderDefaultLimit_IsAccepted()
    {
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));
        await (await _ops.PostJson("/api/events", Event(account, 3000))).Expect(202);
    }

    [Fact]
    public async Task SaveDraft_OverDefaultButUnderPlaybookLimit_IsSaved()
    {
        var id = Samples.NewId("big");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id))).Expect(201);
        var definition = Samples.Onboarding(id);
        definition["variables"] = new JsonObject { ["script"] = new string('v', 10_000) };

        await (await _ops.PutJson($"/api/playbooks/{id}/draft", definition)).Expect(200);

        Assert.Equal(10_000, ((string)(await _ops.GetJson($"/api/playbooks/{id}/draft"))["variables"]!["script"]!).Length);
    }

    [Fact]
    public async Task SaveDraft_OverPlaybookLimit_Returns413_AndKeepsDraft()
    {
        var id = Samples.NewId("big");
        await (await _ops.PostJson("/api/playbooks", Samples.Onboarding(id))).Expect(201);
        var definition = Samples.Onboarding(id);
        definition["variables"] = new JsonObject { ["script"] = new string('v', 20_000) };

        var problem = await (await _ops.PutJson($"/api/playbooks/{id}/draft", definition)).Expect(413);

        AssertTooLarge(problem, "16 KiB (16,384 bytes, setting Limits:RequestBody:Playbook)");
        Assert.Null((await _ops.GetJson($"/api/playbooks/{id}/draft"))["variables"]);
    }

    [Fact]
    public async Task Import_OverPlaybookButUnderImportLimit_IsImported()
    {
        var (rows, ids) = Accounts(80);
        Assert.InRange(Encoding.UTF8.GetByteCount(rows.ToJsonString()), 16_385, 32_767);

        var report = await (await _ops.PostJson("/api/accounts/import", rows)).Expect(200);

        Assert.Equal(ids.Count, (int)report["imported"]!);
    }

    [Fact]
    public async Task Import_OverImportLimit_Returns413_AndImportsNothing()
    {
        var (rows, ids) = Accounts(150);
        Assert.True(Encoding.UTF8.GetByteCount(rows.ToJsonString()) > 32_768);

        var problem = await (await _ops.PostJson("/api/accounts/import", rows)).Expect(413);

        AssertTooLarge(problem, "setting Limits:RequestBody:Import");
        await (await _ops.GetAsync($"/api/accounts/{ids[0]}")).Expect(404);
    }

    internal static JsonObject Event(string account, int size) =>
        new() { ["name"] = "account.opened", ["accountId"] = account, ["data"] = new JsonObject { ["pad"] = new string('x', size) } };

    internal static void AssertTooLarge(JsonNode problem, string detail)
    {
        Assert.Equal(413, (int)problem["status"]!);
        Assert.Equal("The request body is too large", (string)problem["title"]!);
        Assert.Contains(detail, (string)problem["detail"]!);
    }

    private static (JsonArray Rows, List<string> Ids) Accounts(int count)
    {
        var ids = Enumerable.Range(0, count).Select(_ => Samples.NewId("imp")).ToList();
        return (new JsonArray(ids.Select(id => (JsonNode)Samples.Account(id)).ToArray()), ids);
    }
}

/// <summary>A JSON body sent without Content-Length (chunked), so only the reader can tell how large it is.</summary>
internal sealed class ChunkedJson : HttpContent
{
    private readonly byte[] _bytes;

    public ChunkedJson(string json)
    {
        _bytes = Encoding.UTF8.GetBytes(json);
        Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(_bytes).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}

public sealed class SmallLimitsSqliteHost : HostFixture
{
    public override Db Kind => Db.Sqlite;
    protected override IReadOnlyDictionary<string, string> Settings => BodySizeLimitTests.SmallLimits;
}

public sealed class SmallLimitsPostgresHost : HostFixture
{
    public override Db Kind => Db.Postgres;
    protected override IReadOnlyDictionary<string, string> Settings => BodySizeLimitTests.SmallLimits;
}

public sealed class BodySizeLimitTests_Sqlite(SmallLimitsSqliteHost f) : BodySizeLimitTests(f), IClassFixture<SmallLimitsSqliteHost>;
public sealed class BodySizeLimitTests_Postgres(SmallLimitsPostgresHost f) : BodySizeLimitTests(f), IClassFixture<SmallLimitsPostgresHost>;
