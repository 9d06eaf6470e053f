using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Playbooks;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Crm;

/// <summary>
/// The HubSpot CRM sync end to end: the real host (Quartz job, database, account writer, event delivery, shipped
/// handover playbook) against WireMock.Net answering as HubSpot's CRM v3 API does, its 429 and 401 included.
/// </summary>
public abstract class HubSpotSyncTests(Db kind) : IDisposable
{
    private static readonly DateTimeOffset Monday = new(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
    private readonly HubSpotFake _hubSpot = new();

    public void Dispose() => _hubSpot.Dispose();

    [Fact]
    public async Task Sync_PagedCompaniesContactsAndAWonDeal_CreatesAccountsThatStartTheHandover()
    {
        await using var host = NewHost(Path.Combine(ShippedPlaybooksHost.RepositoryRoot(), "workflows"));
        var ops = host.Client();
        await (await ops.PutJson("/api/csms/csm-1", new { name = "Casey Chen", email = "Casey@Vendor.example", touchModel = "high", tiers = new[] { "KA" } })).Expect(201);
        _hubSpot.Search("companies",
            [HubSpotFake.Company("501", "Grand Hotels", "tier_1", Monday, ownerId: "77")],
            [HubSpotFake.Company("502", "Small Inns", "tier_3", Monday.AddMinutes(5)), HubSpotFake.Company("503", "No Tier Ltd", null, Monday.AddMinutes(6))]);
        _hubSpot.Owners(("77", "casey@vendor.example"));
        _hubSpot.Search("contacts", [HubSpotFake.Contact("901", "Kim", "Lee", "kim@grand.example", Monday.AddMinutes(7))]);
        _hubSpot.Companies("contacts", ("901", "501"));
        _hubSpot.Search("deals", [HubSpotFake.Deal("701", "Grand Hotels – first year", "2026-02-15T10:00:00Z", "12000.50", Monday.AddMinutes(8))]);
        _hubSpot.Companies("deals", ("701", "501"));

        var run = await SyncAsync(ops);

        Assert.True((string)run["status"]! == "completed", run.ToJsonString());
        Assert.Equal((4, 0, 1), ((int)run["created"]!, (int)run["updated"]!, (int)run["skipped"]!));
        var skipped = Assert.Single(run["skippedRecords"]!.AsArray())!;
        Assert.Equal(("companies", "503"), ((string)skipped["type"]!, (string)skipped["id"]!));
        Assert.Equal("no tier: the company property 'hs_ideal_customer_profile' is empty", (string)skipped["reason"]!);

        var searches = _hubSpot.SearchRequests("companies");
        Assert.Equal(2, searches.Count);
        Assert.Empty(searches[0]["filterGroups"]!.AsArray());
        Assert.Equal("hs_lastmodifieddate", (string)searches[0]["sorts"]![0]!["propertyName"]!);
        Assert.Equal("1", (string)searches[1]["after"]!);
        Assert.Equal($"Bearer {HubSpotFake.Token}", _hubSpot.Logged("/crm/v3/objects/companies/search").First().RequestMessage.Headers!["Authorization"].Single());
        Assert.Equal("hs_is_closed_won", (string)_hubSpot.SearchRequests("deals")[0]["filterGroups"]![0]!["filters"]![0]!["propertyName"]!);

        var grand = await ops.GetJson("/api/accounts/hubspot-501");
        Assert.Equal(("Grand Hotels", "KA", "HOSPITALITY", "Europe/Berlin", "csm-1"),
            ((string)grand["name"]!, (string)grand["tier"]!, (string)grand["industry"]!, (string)grand["timeZone"]!, (string)grand["csmId"]!));
        var kim = Assert.Single(grand["contacts"]!.AsArray())!;
        Assert.Equal(("hubspot-901", "Kim Lee", "kim@grand.example"), ((string)kim["id"]!, (string)kim["name"]!, (string)kim["email"]!));
        Assert.Equal(("2026-02-15", "2027-02-15", 12000.50m, "EUR"),
            ((string)grand["contract"]!["start"]!, (string)grand["contract"]!["end"]!, (decimal)grand["contract"]!["value"]!, (string)grand["contract"]!["currency"]!));
        Assert.Equal("micro", (string)(await ops.GetJson("/api/accounts/hubspot-502"))["tier"]!);
        await (await ops.GetAsync("/api/accounts/hubspot-503")).Expect(404);
        var timeline = await ops.GetJson("/api/accounts/hubspot-501/timeline");
        Assert.Contains(timeline.AsArray(), e => (string)e!["source"]! == "hubspot crm sync" && (string?)e["detail"] == "by crm sync");

        // account.signed → the handover playbook runs for each new account
        foreach (var account in new[] { "hubspot-501", "hubspot-502" })
            await Eventually.Get(() => ops.GetJson($"/api/instances?playbookId=handover&accountId={account}"), l => (int)l["total"]! == 1, $"the handover of {account}");
    }

    [Fact]
    public async Task SecondSync_AsksOnlyForChangesSinceTheCursor_UpdatesAndRenewsWithoutDuplicates()
    {
        await using var host = NewHost();
        var ops = host.Client();
        var firstChange = Monday.AddMinutes(3);
        _hubSpot.Search("companies", [HubSpotFake.Company("501", "Grand Hotels", "tier_1", Monday), HubSpotFake.Company("502", "Small Inns", "tier_2", firstChange)]);
        _hubSpot.Search("contacts", [HubSpotFake.Contact("901", "Kim", "Lee", "kim@grand.example", Monday)]);
        _hubSpot.Companies("contacts", ("901", "501"));
        _hubSpot.Search("deals", [HubSpotFake.Deal("701", "First year", "2026-02-15T10:00:00Z", "12000", Monday)]);
        _hubSpot.Companies("deals", ("701", "501"));
        Assert.Equal("completed", (string)(await SyncAsync(ops))["status"]!);

        _hubSpot.Reset();
        var later = Monday.AddDays(1);
        _hubSpot.Search("companies", [HubSpotFake.Company("502", "Small Inns", "tier_2", firstChange), HubSpotFake.Company("501", "Grand Hotels Group", "tier_1", later)]);
        _hubSpot.Search("contacts", [HubSpotFake.Contact("901", "Kim", "Lee-Park", "kim@grand.example", later)]);
        _hubSpot.Companies("contacts", ("901", "501"));
        _hubSpot.Search("deals", [HubSpotFake.Deal("702", "Renewal 2027", "2027-02-15T10:00:00Z", "15000", later)]);
        _hubSpot.Companies("deals", ("702", "501"));
        var second = await SyncAsync(ops);

        Assert.Equal("completed", (string)second["status"]!);
        Assert.Equal((1, 2, 1), ((int)second["created"]!, (int)second["updated"]!, (int)second["unchanged"]!));
        var filter = _hubSpot.SearchRequests("companies").Single()["filterGroups"]![0]!["filters"]![0]!;
        Assert.Equal(("hs_lastmodifieddate", "GTE", firstChange.ToUnixTimeMilliseconds().ToString()),
            ((string)filter["propertyName"]!, (string)filter["operator"]!, (string)filter["value"]!));
        Assert.Equal("lastmodifieddate", (string)_hubSpot.SearchRequests("contacts").Single()["filterGroups"]![0]!["filters"]![0]!["propertyName"]!);

        var accounts = await ops.GetJson("/api/accounts");
        Assert.Equal(2, (int)accounts["total"]!);
        var grand = await ops.GetJson("/api/accounts/hubspot-501");
        Assert.Equal("Grand Hotels Group", (string)grand["name"]!);
        Assert.Equal("Kim Lee-Park", (string)Assert.Single(grand["contacts"]!.AsArray())!["name"]!);
        Assert.Equal(("2027-02-15", "702"), ((string)grand["contract"]!["start"]!, (string)grand["contract"]!["crmDealId"]!));
        Assert.Equal("701", (string)Assert.Single(grand["contractHistory"]!.AsArray())!["crmDealId"]!);
        var events = await Eventually.Get(() => ops.GetJson("/api/accounts/hubspot-501/timeline"),
            t => t.AsArray().Any(e => (string)e!["summary"]! == "contract.renewed"), "contract.renewed on the account");
        Assert.Single(events.AsArray(), e => (string)e!["summary"]! == "account.signed");
    }

    [Fact]
    public async Task RateLimited429_WaitsForRetryAfterOnTheClock_ThenCompletes()
    {
        await using var host = NewHost();
        var ops = host.Client();
        _hubSpot.RateLimitOnce("companies", retryAfterSeconds: 10);
        _hubSpot.Search("companies", [HubSpotFake.Company("501", "Grand Hotels", "tier_1", Monday)]);
        _hubSpot.Search("contacts", []);
        _hubSpot.Search("deals", []);

        var id = await StartAsync(ops);
        await Eventually.Get(() => Task.FromResult(_hubSpot.SearchRequests("companies").Count), n => n == 1, "the rate-limited search");
        Assert.Equal("running", (string)(await ops.GetJson($"/api/crm/sync-runs/{id}"))["status"]!);
        var run = await Eventually.Get(async () =>
        {
            host.Clock!.Advance(TimeSpan.FromSeconds(10));
            return await ops.GetJson($"/api/crm/sync-runs/{id}");
        }, r => (string)r["status"]! != "running", "the run to finish after Retry-After");

        Assert.True((string)run["status"]! == "completed", run.ToJsonString());
        Assert.Equal(1, (int)run["created"]!);
        Assert.Equal(2, _hubSpot.SearchRequests("companies").Count);
    }

    [Fact]
    public async Task Unauthorized401_FailsTheRunNamingTheSettingToFix()
    {
        await using var host = NewHost();
        var ops = host.Client();
        _hubSpot.RefuseToken();

        var run = await SyncAsync(ops);

        Assert.Equal("failed", (string)run["status"]!);
        Assert.Equal("HubSpot refused the access token (401 INVALID_AUTHENTICATION: Authentication credentials not found. This API supports OAuth 2.0 authentication "
            + "and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview (correlationId 8f6b1c6e-2b8a-4f3e-9d51-3c1f0e7a9b42)); "
            + "set Crm:HubSpot:AccessToken to the private app's current token", (string)run["error"]!);
        Assert.Equal(0, (int)(await ops.GetJson("/api/accounts"))["total"]!);
        var runs = await ops.GetJson("/api/crm/sync-runs");
        Assert.Equal(("failed", 1), ((string)runs["items"]![0]!["status"]!, (int)runs["total"]!));
    }

    [Fact]
    public async Task ApplyingAPageFails_CursorStaysBeforeIt_AndTheNextRunReadsItAgain()
    {
        await using var host = NewHost();
        var ops = host.Client();
        var secondPage = Monday.AddMinutes(5);
        _hubSpot.Search("companies", [HubSpotFake.Company("501", "Grand Hotels", "tier_1", Monday)], [HubSpotFake.Company("502", "Small Inns", "tier_2", secondPage)]);
        _hubSpot.Search("contacts", []);
        _hubSpot.Search("deals", []);
        await FailAccountInsert(host, "hubspot-502", fail: true);

        var failed = await SyncAsync(ops);

        Assert.Equal("failed", (string)failed["status"]!);
        Assert.Equal((1, 1), ((int)failed["created"]!, (int)failed["pages"]!));
        Assert.Empty(_hubSpot.SearchRequests("contacts"));

        await FailAccountInsert(host, "hubspot-502", fail: false);
        var resumed = await SyncAsync(ops);

        Assert.Equal("completed", (string)resumed["status"]!);
        var rerun = _hubSpot.SearchRequests("companies")[2];
        Assert.Equal(Monday.ToUnixTimeMilliseconds().ToString(), (string)rerun["filterGroups"]![0]!["filters"]![0]!["value"]!);
        Assert.Equal((1, 1), ((int)resumed["created"]!, (int)resumed["unchanged"]!));
        Assert.Equal("Small Inns", (string)(await ops.GetJson("/api/accounts/hubspot-502"))["name"]!);
    }

    [Fact]
    public async Task Sync_BadBody_400NamingTheField()
    {
        await using var host = NewHost();
        var problem = await (await host.Client().PostJson("/api/crm/sync", new { full = "yes" })).Expect(400);
        Assert.Contains("full", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(0, (int)(await host.Client().GetJson("/api/crm/sync-runs"))["total"]!);
    }

    private TestHost NewHost(string? workflows = null) => new(TestDatabase.Create(kind), TestHost.NewClock(), workflows, _hubSpot.Settings);

    private static async Task<Guid> StartAsync(HttpClient ops) =>
        (Guid)(await (await ops.PostJson("/api/crm/sync", new { })).Expect(202))["id"]!;

    private static async Task<JsonNode> SyncAsync(HttpClient ops)
    {
        var id = await StartAsync(ops);
        return await Eventually.Get(() => ops.GetJson($"/api/crm/sync-runs/{id}"), r => (string)r["status"]! is not ("queued" or "running"), $"sync run {id} to finish", 60);
    }

    /// <summary>A real database refusal (a trigger) for one account's insert: the writer's commit fails as on a full disk.</summary>
    private static async Task FailAccountInsert(TestHost host, string accountId, bool fail)
    {
        await using var context = host.Services.GetRequiredService<PlaybooksDb>().Create();
        string[] sql = (context.Provider, fail) switch
        {
            (DatabaseProvider.Postgres, true) =>
            [
                $"CREATE FUNCTION crm_test_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.id = '{accountId}' THEN RAISE EXCEPTION 'refused by test'; END IF; RETURN NEW; END $$",
                "CREATE TRIGGER crm_test_refuse BEFORE INSERT ON accounts FOR EACH ROW EXECUTE FUNCTION crm_test_refuse()",
            ],
            (DatabaseProvider.Postgres, false) => ["DROP TRIGGER crm_test_refuse ON accounts"],
            (_, true) => [$"CREATE TRIGGER crm_test_refuse BEFORE INSERT ON accounts WHEN NEW.id = '{accountId}' BEGIN SELECT RAISE(ABORT, 'refused by test'); END"],
            _ => ["DROP TRIGGER crm_test_refuse"],
        };
        foreach (var statement in sql) await context.Database.ExecuteSqlRawAsync(statement);
    }
}

public sealed class HubSpotSyncTests_Sqlite() : HubSpotSyncTests(Db.Sqlite);
public sealed class HubSpotSyncTests_Postgres() : HubSpotSyncTests(Db.Postgres);
