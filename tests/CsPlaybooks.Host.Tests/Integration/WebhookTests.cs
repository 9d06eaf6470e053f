using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace CsPlaybooks.Host.Tests.Integration;

/// <summary>
/// The webhook step against a real HTTP receiver (WireMock.Net, on this machine, so the hosts allow localhost):
/// signed over timestamp and body, retried on 503 with Retry-After, failed into an incident on 404.
/// </summary>
public sealed class WebhookTests : IAsyncLifetime
{
    private const string Secret = "webhook-test-secret";
    private readonly WireMockServer _receiver = WireMockServer.Start();
    private TestHost _host = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program> _app = null!;
    private HttpClient _ops = null!;

    public Task InitializeAsync()
    {
        _host = new TestHost(TestDatabase.Create(Db.Sqlite), TestHost.NewClock());
        _app = _host.WithWebHostBuilder(b =>
        {
            b.UseSetting("Webhooks:Secret", Secret);
            b.UseSetting("Webhooks:AllowedPrivateHosts:0", "localhost");
        });
        _ops = _app.CreateClient();
        _ops.DefaultRequestHeaders.Add("X-Api-Key", TestHost.OpsKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _host.DisposeAsync();
        _receiver.Stop();
    }

    private async Task<Guid> Run(string path)
    {
        var playbook = new JsonObject
        {
            ["id"] = Samples.NewId("hook"),
            ["variables"] = new JsonObject { ["probability"] = 35 },
            ["steps"] = new JsonArray(new JsonObject
            {
                ["id"] = "tell-crm", ["type"] = "webhook", ["url"] = _receiver.Url + path, ["event"] = "renewal.at-risk",
                ["payload"] = "{ \"probability\": {{ variables.probability }}, \"name\": \"{{ account.name }}\" }",
            }),
        };
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));
        await Samples.Publish(_ops, playbook);
        return await Samples.Enrol(_ops, (string)playbook["id"]!, account);
    }

    private JsonNode Outbox(JsonNode instance) => instance["outbox"]!.AsArray().Single()!;

    [Fact]
    public async Task Webhook_ServiceUnavailableThenOk_RetriedAfterRetryAfter_SignedBody()
    {
        _receiver.Given(Request.Create().WithPath("/crm").UsingPost()).InScenario("crm").WillSetStateTo("up")
            .RespondWith(Response.Create().WithStatusCode(503).WithHeader("Retry-After", "30"));
        _receiver.Given(Request.Create().WithPath("/crm").UsingPost()).InScenario("crm").WhenStateIs("up").RespondWith(Response.Create().WithStatusCode(204));
        var instance = await Run("/crm");

        var first = await Eventually.Get(() => Samples.Instance(_ops, instance), d => (int)Outbox(d)["attempts"]! == 1, "the first attempt");
        Assert.Equal("pending", (string)Outbox(first)["state"]!);
        Assert.Contains("503", (string)Outbox(first)["lastError"]!);
        _host.Clock!.Advance(TimeSpan.FromSeconds(31));
        await Eventually.Get(() => Samples.Instance(_ops, instance), d => (string)Outbox(d)["state"]! == "sent", "the retry after Retry-After");

        var posts = _receiver.LogEntries.Where(e => e.RequestMessage.Path == "/crm").ToList();
        Assert.Equal(2, posts.Count);
        var body = posts[1].RequestMessage.Body!;
        var t = _host.Clock.GetUtcNow().ToUnixTimeSeconds();
        var signature = $"t={t},v1=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{t}.{body}")));
        Assert.Equal(signature, posts[1].RequestMessage.Headers!["X-CsPlaybooks-Signature"].Single());
        Assert.Equal(posts[0].RequestMessage.Headers!["X-CsPlaybooks-Delivery"].Single(), posts[1].RequestMessage.Headers!["X-CsPlaybooks-Delivery"].Single());
        var json = JsonNode.Parse(body)!;
        Assert.Equal("renewal.at-risk", (string)json["event"]!);
        Assert.Equal(35, (int)json["data"]!["probability"]!);
    }

    [Fact]
    public async Task Webhook_NotFound_FailsAtOnceIntoAnIncident()
    {
        _receiver.Given(Request.Create().WithPath("/gone").UsingPost()).RespondWith(Response.Create().WithStatusCode(404));
        var instance = await Run("/gone");
        var detail = await Eventually.Get(() => Samples.Instance(_ops, instance), d => (string)Outbox(d)["state"]! == "failed", "the permanent failure");
        Assert.Contains(detail["incidents"]!.AsArray(), i => (string)i!["kind"]! == "delivery.failed" && ((string)i["message"]!).Contains("404"));
    }

    [Fact]
    public async Task Webhook_BadUrlOrPayload_IsRejected()
    {
        var definition = new JsonObject
        {
            ["id"] = Samples.NewId("hook"),
            ["steps"] = new JsonArray(new JsonObject { ["id"] = "tell", ["type"] = "webhook", ["url"] = "ftp://nowhere", ["event"] = "x" }),
        };
        var problem = await (await _ops.PostJson("/api/playbooks", definition)).Expect(400);
        Assert.Contains(problem["problems"]!.AsArray(), p => (string)p!["stepId"]! == "tell" && (string)p["field"]! == "url");
    }
}
