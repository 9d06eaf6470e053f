using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Host.Tests.Tasks;

namespace CsPlaybooks.Host.Tests.Hosting;

/// <summary>GET /api/me: which key the caller holds (name, role, CSM) and what it may do; never the key itself.</summary>
public sealed class MeApiTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task GetMe_OpsKey_ReturnsOpsRoleWithoutCsm()
    {
        var response = await fixture.Host.Client(TestHost.OpsKey).GetAsync("/api/me");
        var me = (await response.Expect(200)).AsObject();

        Assert.Equal("test ops", (string)me["name"]!);
        Assert.Equal("ops", (string)me["role"]!);
        Assert.True(me.ContainsKey("csmId") && me["csmId"] is null, $"csmId should be present and null: {me.ToJsonString()}");
        Assert.True(me.ContainsKey("csm") && me["csm"] is null, $"csm should be present and null: {me.ToJsonString()}");
        Assert.DoesNotContain(TestHost.OpsKey, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task GetMe_CsmKey_ReturnsItsCsmIdAndTheCsmsName()
    {
        // The test host's csm key has CsmId csm-1 (Auth:ApiKeys:1:CsmId).
        await TaskSamples.PutCsm(fixture.Host.Client(), "csm-1", TaskSamples.Csm("Dana Reyes", "high", ["retail"]));

        var response = await fixture.Host.Client(TestHost.CsmKey).GetAsync("/api/me");
        var me = await response.Expect(200);

        Assert.Equal("csm", (string)me["role"]!);
        Assert.Equal("test csm", (string)me["name"]!);
        Assert.Equal("csm-1", (string)me["csmId"]!);
        Assert.Equal("csm-1", (string)me["csm"]!["id"]!);
        Assert.Equal("Dana Reyes", (string)me["csm"]!["name"]!);
        Assert.Equal("dana.reyes@example.com", (string)me["csm"]!["email"]!);
        Assert.DoesNotContain(TestHost.CsmKey, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData(TestHost.OpsKey, true, true, true, true)]
    [InlineData(TestHost.CsmKey, false, false, true, true)]
    [InlineData(TestHost.IntegrationKey, false, true, false, false)]
    [InlineData(TestHost.ViewerKey, false, false, true, false)]
    public async Task GetMe_EachRole_SaysWhatTheKeyMayDo(string key, bool design, bool ingest, bool readTasks, bool completeTasks)
    {
        var can = (await fixture.Host.Client(key).GetJson("/api/me"))["can"]!;

        Assert.Equal(design, (bool)can["design"]!);
        Assert.Equal(ingest, (bool)can["ingest"]!);
        Assert.Equal(readTasks, (bool)can["readTasks"]!);
        Assert.Equal(completeTasks, (bool)can["completeTasks"]!);
    }

    [Fact]
    public async Task GetMe_NoKeyOrUnknownKey_Returns401()
    {
        var problem = await (await fixture.Host.CreateClient().GetAsync("/api/me")).Expect(401);
        Assert.Contains("X-Api-Key", (string)problem["detail"]!);
        await (await fixture.Host.Client("not-a-key").GetAsync("/api/me")).Expect(401);
    }

    [Fact]
    public async Task OpenApi_DescribesGetMe()
    {
        var doc = await (await fixture.Host.CreateClient().GetAsync("/openapi/v1.json")).Expect(200);
        var get = doc["paths"]!["/api/me"]?["get"];
        Assert.NotNull(get);
        Assert.Equal("Me", (string)get!["tags"]![0]!);
        Assert.Contains("csmId", (string)get["summary"]!);
    }
}
