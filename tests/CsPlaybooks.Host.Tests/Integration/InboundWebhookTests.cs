using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CsPlaybooks.Host.Tests.Integration;

/// <summary>
/// Signed events from other systems (<c>POST /api/webhooks/{source}</c>): accepted only with a fresh signature by the
/// source's key over timestamp and body, mapped to an event and delivered like <c>POST /api/events</c>.
/// </summary>
public sealed class InboundWebhookTests : IAsyncLifetime
{
    private const string CrmSecret = "crm-inbound-secret-0123456789";
    private const string BillingSecret = "billing-inbound-secret-9876543210";
    private const string BillingOldSecret = "billing-old-secret-5555555555";
    private TestHost _host = null!;
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _anonymous = null!;
    private HttpClient _ops = null!;

    public Task InitializeAsync()
    {
        _host = new TestHost(TestDatabase.Create(Db.Sqlite), TestHost.NewClock());
        _app = _host.WithWebHostBuilder(b =>
        {
            b.UseSetting("Webhooks:Inbound:crm:Secret", CrmSecret);
            b.UseSetting("Webhooks:Inbound:billing:Secret", BillingSecret);
            b.UseSetting("Webhooks:Inbound:billing:PreviousSecret", BillingOldSecret);
            b.UseSetting("Webhooks:Inbound:billing:SignatureHeader", "Billing-Signature");
            b.UseSetting("Webhooks:Inbound:billing:Map:Id", "/eventId");
            b.UseSetting("Webhooks:Inbound:billing:Map:Name", "/type");
            b.UseSetting("Webhooks:Inbound:billing:Map:AccountId", "/customer/externalId");
            b.UseSetting("Webhooks:Inbound:billing:Map:Data", "");
            b.UseSetting("Webhooks:Inbound:billing:Map:NamePrefix", "billing.");
        });
        _anonymous = _app.CreateClient();
        _ops = _app.CreateClient();
        _ops.DefaultRequestHeaders.Add("X-Api-Key", TestHost.OpsKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _host.DisposeAsync();
    }

    private async Task<string> NewAccount()
    {
        var id = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(id));
        return id;
    }

    private Task<HttpResponseMessage> Post(string source, string body, string? signature, string header = "X-CsPlaybooks-Signature")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/webhooks/{source}") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null) request.Headers.Add(header, signature);
        return _anonymous.SendAsync(request);
    }

    private static string Sign(string secret, string body, DateTimeOffset at)
    {
        var t = at.ToUnixTimeSeconds();
        return $"t={t},v1={Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{t}.{body}")))}";
    }

    private async Task<JsonArray> Events(string account) => (await _ops.GetJson($"/api/events?accountId={account}")).AsArray();

    [Fact]
    public async Task Signed_DefaultShape_AcceptedOnceAsAnEvent()
    {
        var account = await NewAccount();
        var body = new JsonObject { ["id"] = "crm-1-" + account, ["name"] = "account.opened", ["accountId"] = account, ["data"] = new JsonObject { ["seats"] = 12 } }.ToJsonString();

        var accepted = await (await Post("crm", body, Sign(CrmSecret, body, _host.Clock!.GetUtcNow()))).Expect(202);
        Assert.Equal("account.opened", (string)accepted["name"]!);
        var again = await (await Post("CRM", body, Sign(CrmSecret, body, _host.Clock.GetUtcNow()))).Expect(200);
        Assert.True((bool)again["duplicate"]!);

        var stored = Assert.Single(await Events(account))!;
        Assert.Equal("crm-1-" + account, (string)stored["id"]!);
        Assert.Equal(12, (int)stored["data"]!["seats"]!);
    }

    [Fact]
    public async Task Signed_MappedByJsonPointers_WithOwnHeader_AndPreviousKey()
    {
        var account = await NewAccount();
        var body = new JsonObject { ["eventId"] = 98765, ["type"] = "invoice.paid", ["customer"] = new JsonObject { ["externalId"] = account }, ["amount"] = 1200 }.ToJsonString();

        await (await Post("billing", body, Sign(BillingOldSecret, body, _host.Clock!.GetUtcNow()), "Billing-Signature")).Expect(202);

        var stored = Assert.Single(await Events(account))!;
        Assert.Equal("98765", (string)stored["id"]!);
        Assert.Equal("billing.invoice.paid", (string)stored["name"]!);
        Assert.Equal(1200, (int)stored["data"]!["amount"]!);
    }

    [Fact]
    public async Task BadOrMissingOrStaleSignature_401_NothingStored()
    {
        var account = await NewAccount();
        var body = new JsonObject { ["name"] = "account.opened", ["accountId"] = account }.ToJsonString();
        var now = _host.Clock!.GetUtcNow();

        await (await Post("crm", body, null)).Expect(401);
        await (await Post("crm", body, "sha256=abc")).Expect(401);
        await (await Post("crm", body, Sign("not-the-secret", body, now))).Expect(401);
        await (await Post("crm", body, Sign(BillingSecret, body, now))).Expect(401);
        await (await Post("crm", body.Replace("opened", "closed"), Sign(CrmSecret, body, now))).Expect(401);
        var stale = await (await Post("crm", body, Sign(CrmSecret, body, now - TimeSpan.FromMinutes(6)))).Expect(401);
        Assert.Contains("minutes from now", (string)stale["detail"]!);
        var replayed = Sign(CrmSecret, body, now);
        _host.Clock.Advance(TimeSpan.FromMinutes(5) + TimeSpan.FromSeconds(2));
        await (await Post("crm", body, replayed)).Expect(401);

        Assert.Empty(await Events(account));
    }

    [Fact]
    public async Task UnknownSource_404_AndInvalidEvent_400NamingTheField()
    {
        var body = new JsonObject { ["name"] = "account.opened", ["accountId"] = "x" }.ToJsonString();
        var unknown = await (await Post("erp", body, Sign(CrmSecret, body, _host.Clock!.GetUtcNow()))).Expect(404);
        Assert.Contains("Webhooks:Inbound:erp:Secret", (string)unknown["detail"]!);

        var nameless = new JsonObject { ["accountId"] = await NewAccount() }.ToJsonString();
        var problem = await (await Post("crm", nameless, Sign(CrmSecret, nameless, _host.Clock.GetUtcNow()))).Expect(400);
        Assert.NotNull(problem["errors"]!["name"]);
        await (await Post("crm", "{not json", Sign(CrmSecret, "{not json", _host.Clock.GetUtcNow()))).Expect(400);
    }
}
