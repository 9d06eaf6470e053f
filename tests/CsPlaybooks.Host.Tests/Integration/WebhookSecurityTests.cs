using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Webhooks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace CsPlaybooks.Host.Tests.Integration;

/// <summary>
/// Outgoing webhooks cannot be aimed inside (server-side request forgery) unless the configuration allows it, and are
/// signed even when no key is configured.
/// </summary>
public sealed class WebhookSecurityTests : IAsyncLifetime
{
    private readonly WireMockServer _receiver = WireMockServer.Start();
    private readonly List<IAsyncDisposable> _hosts = [];

    public Task InitializeAsync()
    {
        _receiver.Given(Request.Create().WithPath("/crm").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        _receiver.Stop();
    }

    private HttpClient Start(TestDatabase database, params (string Key, string Value)[] settings)
    {
        var host = new TestHost(database, TestHost.NewClock());
        var app = host.WithWebHostBuilder(b =>
        {
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });
        _hosts.Add(app);
        _hosts.Add(host);
        var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", TestHost.OpsKey);
        return client;
    }

    private static JsonObject Playbook(string url) => new()
    {
        ["id"] = Samples.NewId("hook"),
        ["steps"] = new JsonArray(new JsonObject { ["id"] = "tell-crm", ["type"] = "webhook", ["url"] = url, ["event"] = "renewal.at-risk" }),
    };

    [Theory]
    [InlineData("http://127.0.0.1:8080/hook")]
    [InlineData("http://localhost/hook")]
    [InlineData("http://169.254.169.254/latest/meta-data")]
    [InlineData("http://10.1.2.3/hook")]
    [InlineData("http://[::1]/hook")]
    [InlineData("http://[::ffff:192.168.0.1]/hook")]
    public async Task Publish_InternalTargetWithoutAllowance_RejectedNamingStepAndField(string url)
    {
        var ops = Start(TestDatabase.Create(Db.Sqlite));
        var problem = await (await ops.PostJson("/api/playbooks", Playbook(url))).Expect(400);
        var refusal = Assert.Single(problem["problems"]!.AsArray(), p => (string)p!["stepId"]! == "tell-crm" && (string)p["field"]! == "url")!;
        Assert.Contains("Webhooks:AllowedPrivateHosts", (string)refusal["message"]!);
        var validation = await (await ops.PostJson("/api/playbooks/validate", Playbook(url))).Expect(200);
        Assert.False((bool)validation["valid"]!);
    }

    [Fact]
    public async Task Publish_InternalTargetListedInAllowance_Accepted()
    {
        var ops = Start(TestDatabase.Create(Db.Sqlite), ("Webhooks:AllowedPrivateHosts:0", "10.20.0.0/16"), ("Webhooks:AllowedPrivateHosts:1", "localhost"));
        await (await ops.PostJson("/api/playbooks", Playbook("http://10.20.3.4/hook"))).Expect(201);
        await (await ops.PostJson("/api/playbooks", Playbook("http://localhost/hook"))).Expect(201);
        await (await ops.PostJson("/api/playbooks", Playbook("http://10.21.3.4/hook"))).Expect(400);
    }

    [Fact]
    public async Task Send_TargetNoLongerAllowed_FailsAtOnceIntoAnIncident_NothingReachesIt()
    {
        var database = TestDatabase.Create(Db.Sqlite);
        var before = Start(database, ("Webhooks:AllowedPrivateHosts:0", "localhost"));
        var playbook = Playbook(_receiver.Url + "/crm");
        await Samples.Publish(before, playbook);
        await DisposeHostsAsync();

        var ops = Start(database);
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(ops, Samples.Account(account));
        var instance = await Samples.Enrol(ops, (string)playbook["id"]!, account);

        var detail = await Eventually.Get(() => Samples.Instance(ops, instance), d => (string)d["outbox"]![0]!["state"]! == "failed", "the refused delivery");
        Assert.Equal(1, (int)detail["outbox"]![0]!["attempts"]!);
        Assert.Contains(detail["incidents"]!.AsArray(), i => (string)i!["kind"]! == "delivery.failed" && ((string)i["message"]!).Contains("refused"));
        Assert.Empty(_receiver.LogEntries);
    }

    [Fact]
    public async Task Connect_NameThatResolvesToLoopback_RefusedUnlessAllowed()
    {
        var url = _receiver.Url!.Replace("127.0.0.1", "localhost") + "/crm";
        using var refusing = Client(new WebhookOptions());
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => refusing.PostAsync(url, new StringContent("{}")));
        Assert.IsType<WebhookTargetRefusedException>(error.InnerException);
        Assert.Empty(_receiver.LogEntries);

        using var allowing = Client(new WebhookOptions { AllowedPrivateHosts = ["127.0.0.0/8", "::1"] });
        Assert.Equal(204, (int)(await allowing.PostAsync(url, new StringContent("{}"))).StatusCode);
        Assert.Single(_receiver.LogEntries);
    }

    [Fact]
    public async Task SigningKey_GeneratedWhenNoneConfigured_SharedByNodes_SignsEveryDelivery()
    {
        var database = TestDatabase.Create(Db.Postgres);
        var allow = ("Webhooks:AllowedPrivateHosts:0", "localhost");
        var first = Start(database, allow);
        var second = Start(database, allow);
        var key = (string)(await first.GetJson("/api/webhooks/signing-key"))["key"]!;
        Assert.Equal(64, key.Length);
        Assert.Equal(key, (string)(await second.GetJson("/api/webhooks/signing-key"))["key"]!);
        var integration = await second.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/api/webhooks/signing-key") { Headers = { { "X-Api-Key", TestHost.IntegrationKey } } });
        await integration.Expect(403);

        var playbook = Playbook(_receiver.Url + "/crm");
        await Samples.Publish(second, playbook);
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(second, Samples.Account(account));
        var instance = await Samples.Enrol(second, (string)playbook["id"]!, account);
        await Eventually.Get(() => Samples.Instance(second, instance), d => (string)d["outbox"]![0]!["state"]! == "sent", "the delivery");

        var post = Assert.Single(_receiver.LogEntries).RequestMessage;
        var header = post.Headers!["X-CsPlaybooks-Signature"].Single();
        var t = TestHost.NewClock().GetUtcNow().ToUnixTimeSeconds();
        var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes($"{t}.{post.Body}")));
        Assert.Equal($"t={t},v1={expected}", header);
    }

    private async Task DisposeHostsAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        _hosts.Clear();
    }

    private static HttpClient Client(WebhookOptions options) =>
        new(new SocketsHttpHandler { ConnectCallback = new WebhookTargets(Options.Create(options)).ConnectAsync });
}
