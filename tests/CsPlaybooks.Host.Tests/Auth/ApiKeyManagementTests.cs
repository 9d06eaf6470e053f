using System.Security.Cryptography;
using System.Text;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Host.Tests.Tasks;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Auth;

/// <summary>API keys for systems: created by ops, shown once, kept as a hash, listed with last use, revoked at once, expiring.</summary>
public abstract class ApiKeyManagementTests(AuthHostFixture fixture)
{
    private static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static HttpClient WithKey(AuthHostFixture f, string key)
    {
        var client = f.Host.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    private async Task<(string Id, string Key)> CreateKey(object body)
    {
        var ops = await fixture.SignedInOps();
        var created = await (await ops.Client.PostJson("/api/keys", body)).Expect(201);
        return ((string)created["item"]!["id"]!, (string)created["key"]!);
    }

    [Fact]
    public async Task Create_KeyShownOnceStoredAsHash_WorksWithItsRoleAndRecordsLastUse()
    {
        var name = Samples.NewId("crm sync");
        var (id, key) = await CreateKey(new { name, role = "integration" });

        var me = await WithKey(fixture, key).GetJson("/api/me");
        Assert.Equal(("key", "integration", name), ((string)me["kind"]!, (string)me["role"]!, (string)me["name"]!));
        Assert.True((bool)me["can"]!["ingest"]!);

        var listed = await (await fixture.SignedInOps()).Client.GetAsync("/api/keys");
        var listText = await listed.Content.ReadAsStringAsync();
        Assert.DoesNotContain(key, listText);
        var item = (await listed.Expect(200))["items"]!.AsArray().Single(k => (string)k!["id"]! == id)!;
        Assert.Equal(key[..12], (string)item["prefix"]!);
        Assert.Equal("active", (string)item["status"]!);
        Assert.NotNull(item["lastUsedAt"]);
        Assert.Equal(AuthHostFixture.OpsEmail, (string)item["createdBy"]!);

        await using var db = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        var row = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == Guid.Parse(id));
        Assert.Equal(Sha256(key), row.Hash);
        Assert.NotEqual(key, row.Hash);
        Assert.True(row.Prefix.Length < key.Length);
    }

    [Fact]
    public async Task Revoke_KeyRefusedAtOnce()
    {
        var (id, key) = await CreateKey(new { name = Samples.NewId("revoked"), role = "viewer" });
        await (await WithKey(fixture, key).GetAsync("/api/playbooks")).Expect(200);

        await (await (await fixture.SignedInOps()).Client.DeleteAsync($"/api/keys/{id}")).Expect(204);

        var problem = await (await WithKey(fixture, key).GetAsync("/api/playbooks")).Expect(401);
        Assert.Contains("revoked", (string)problem["detail"]!);
    }

    [Fact]
    public async Task Expiry_KeyRefusedOnceItsTimePassed()
    {
        var expiresAt = fixture.Clock.GetUtcNow().AddHours(1);
        var (id, key) = await CreateKey(new { name = Samples.NewId("temp"), role = "viewer", expiresAt });
        await (await WithKey(fixture, key).GetAsync("/api/playbooks")).Expect(200);

        fixture.Clock.Advance(TimeSpan.FromHours(2));

        var problem = await (await WithKey(fixture, key).GetAsync("/api/playbooks")).Expect(401);
        Assert.Contains("expired", (string)problem["detail"]!);
        var item = (await fixture.Host.Client().GetJson("/api/keys"))["items"]!.AsArray().Single(k => (string)k!["id"]! == id)!;
        Assert.Equal("expired", (string)item["status"]!);
    }

    [Fact]
    public async Task Create_CsmKey_SeesOnlyItsCsmsTasks()
    {
        var csmId = Samples.NewId("csm");
        await TaskSamples.PutCsm(fixture.Host.Client(), csmId, TaskSamples.Csm("Key " + csmId, "high", ["keys"]));
        var (_, key) = await CreateKey(new { name = Samples.NewId("csm key"), role = "csm", csmId });
        var me = await WithKey(fixture, key).GetJson("/api/me");
        Assert.Equal(csmId, (string)me["csmId"]!);
        Assert.All(await TaskSamples.Tasks(WithKey(fixture, key), "status=open"), t => Assert.Equal(csmId, (string)t!["assignee"]!["csmId"]!));
    }

    [Theory]
    [InlineData("{\"role\":\"viewer\"}", "name")]
    [InlineData("{\"name\":\"x\",\"role\":\"admin\"}", "role")]
    [InlineData("{\"name\":\"x\",\"role\":\"csm\"}", "csmId")]
    [InlineData("{\"name\":\"x\",\"role\":\"csm\",\"csmId\":\"no-such-csm\"}", "csmId")]
    [InlineData("{\"name\":\"x\",\"role\":\"viewer\",\"expiresAt\":\"2001-01-01T00:00:00Z\"}", "expiresAt")]
    [InlineData("{\"name\":\"x\",\"role\":\"viewer\",\"expiresAt\":\"soon\"}", "expiresAt")]
    [InlineData("{\"name\":7,\"role\":\"viewer\"}", "name")]
    [InlineData("{\"name\":\"x\",\"role\":[\"ops\"]}", "role")]
    [InlineData("{\"name\":\"x\",\"role\":\"csm\",\"csmId\":{}}", "csmId")]
    public async Task Create_BadInput_400NamingTheFieldAndNoKey(string body, string field)
    {
        var ops = fixture.Host.Client();
        var before = (await ops.GetJson("/api/keys"))["items"]!.AsArray().Count;
        var problem = await (await ops.PostRaw("/api/keys", body)).Expect(400);
        Assert.NotNull(problem["errors"]![field]);
        Assert.Equal(before, (await ops.GetJson("/api/keys"))["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task ConfiguredKeyHash_AcceptsTheKeyAndListsItWithoutSecret()
    {
        var me = await WithKey(fixture, AuthHostFixture.HashedViewerKey).GetJson("/api/me");
        Assert.Equal(("viewer", "hashed viewer"), ((string)me["role"]!, (string)me["name"]!));
        await (await WithKey(fixture, AuthHostFixture.HashedViewerKey + "x").GetAsync("/api/me")).Expect(401);
        var configured = (await fixture.Host.Client().GetJson("/api/keys"))["configured"]!.AsArray();
        Assert.Contains(configured, k => (string)k!["name"]! == "hashed viewer");
        Assert.DoesNotContain(AuthHostFixture.HashedViewerKey, configured.ToJsonString());
    }

    [Fact]
    public async Task NonOps_CannotManageKeys()
    {
        await (await fixture.Host.Client(TestHost.ViewerKey).GetAsync("/api/keys")).Expect(403);
        await (await fixture.Host.Client(TestHost.IntegrationKey).PostJson("/api/keys", new { name = "mine", role = "ops" })).Expect(403);
        var lead = await fixture.InvitedAndSignedIn("cs-lead");
        await (await lead.Client.PostJson("/api/keys", new { name = "mine", role = "ops" })).Expect(403);
    }
}

public sealed class ApiKeyManagementTests_Sqlite(SqliteAuthClockHost f) : ApiKeyManagementTests(f), IClassFixture<SqliteAuthClockHost>;
public sealed class ApiKeyManagementTests_Postgres(PostgresAuthClockHost f) : ApiKeyManagementTests(f), IClassFixture<PostgresAuthClockHost>;
