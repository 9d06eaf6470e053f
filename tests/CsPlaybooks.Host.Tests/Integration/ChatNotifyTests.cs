using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Email;
using CsPlaybooks.Host.Tests.Support;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace CsPlaybooks.Host.Tests.Integration;

/// <summary>
/// notify to Slack (Web API: users.lookupByEmail, chat.postMessage) and Microsoft Teams (a Workflows webhook), through
/// the outbox, against WireMock.Net answering as those APIs do, failures included: Slack's 200 with
/// <c>{"ok":false,"error":…}</c>, its 429 with Retry-After, a Teams workflow refusing the payload.
/// </summary>
public sealed class ChatNotifyTests : IAsyncLifetime
{
    private const string BotToken = "xoxb-test-token";
    private readonly WireMockServer _api = WireMockServer.Start();
    private TestHost _host = null!;
    private HttpClient _ops = null!;

    public Task InitializeAsync()
    {
        _host = new TestHost(TestDatabase.Create(Db.Sqlite), TestHost.NewClock(), settings: new Dictionary<string, string>
        {
            ["Notifications:Slack:BotToken"] = BotToken,
            ["Notifications:Slack:ApiBaseUrl"] = _api.Url + "/api/",
            ["Notifications:Slack:DefaultChannel"] = "C0CS",
            ["Notifications:Teams:WebhookUrl"] = _api.Url + "/teams/hook",
            ["Email:PublicBaseUrl"] = "https://cs.example",
        });
        _ops = _host.Client();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _api.Stop();
    }

    [Fact]
    public async Task Slack_ToTheCsm_FoundByEmail_PostedOnceWithALinkBack()
    {
        SlackAnswers("users.lookupByEmail", """{"ok":true,"user":{"id":"U0CSM","name":"casey"}}""");
        SlackAnswers("chat.postMessage", """{"ok":true,"channel":"D0CSM","ts":"1772442000.000100","message":{"text":"…"}}""");
        var (instance, account) = await Run(Notify(["slack"]));

        Assert.Equal("sent", await OutboxState(instance));
        var lookup = Assert.Single(Requests("users.lookupByEmail"));
        Assert.Equal("email=casey%40vendor.example", lookup.Body);
        Assert.Equal($"Bearer {BotToken}", lookup.Headers!["Authorization"].Single());
        var post = JsonNode.Parse(Assert.Single(Requests("chat.postMessage")).Body!)!;
        Assert.Equal("U0CSM", (string)post["channel"]!);
        Assert.Equal($"Acme {account} &lt;KA&gt; asked for a call\n<https://cs.example/#/accounts/{account}|Open {account} in CsPlaybooks>", (string)post["text"]!);
        Assert.Empty((await Samples.Instance(_ops, instance))["incidents"]!.AsArray());
    }

    [Fact]
    public async Task Slack_ChannelNotFound_FailsAtOnceWithAnIncident()
    {
        SlackAnswers("chat.postMessage", """{"ok":false,"error":"channel_not_found"}""");
        var (instance, _) = await Run(Notify(["slack"], slackChannel: "#no-such-channel"));

        Assert.Equal("failed", await OutboxState(instance));
        Assert.Equal("#no-such-channel", (string)JsonNode.Parse(Assert.Single(Requests("chat.postMessage")).Body!)!["channel"]!);
        Assert.Empty(Requests("users.lookupByEmail"));
        var incident = Assert.Single((await Samples.Instance(_ops, instance))["incidents"]!.AsArray())!;
        Assert.Contains("Slack chat.postMessage refused: channel_not_found", (string)incident["message"]!);
    }

    [Fact]
    public async Task Slack_RateLimited429_WaitsForRetryAfter_ThenPostsOnce()
    {
        SlackAnswers("users.lookupByEmail", """{"ok":false,"error":"users_not_found"}""");
        _api.Given(Request.Create().WithPath("/api/chat.postMessage").UsingPost()).InScenario("limit").WillSetStateTo("open")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "30").WithHeader("Content-Type", "application/json")
                .WithBody("""{"ok":false,"error":"ratelimited"}"""));
        _api.Given(Request.Create().WithPath("/api/chat.postMessage").UsingPost()).InScenario("limit").WhenStateIs("open")
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{"ok":true,"channel":"C0CS","ts":"1.2"}"""));
        var (instance, _) = await Run(Notify(["slack"])); // the CSM has no Slack user: the default channel

        var outbox = (await Samples.Instance(_ops, instance))["outbox"]![0]!;
        Assert.Equal("pending", (string)outbox["state"]!);
        Assert.Equal(_host.Clock!.GetUtcNow().AddSeconds(30), DateTimeOffset.Parse((string)outbox["nextAttemptAt"]!));
        _host.Clock.Advance(TimeSpan.FromSeconds(29));
        await _host.DrainAsync();
        Assert.Single(Requests("chat.postMessage"));

        _host.Clock.Advance(TimeSpan.FromSeconds(2));
        await _host.DrainAsync();
        Assert.Equal("sent", await OutboxState(instance));
        Assert.Equal(2, Requests("chat.postMessage").Count);
        Assert.Equal("C0CS", (string)JsonNode.Parse(Requests("chat.postMessage")[1].Body!)!["channel"]!);
    }

    [Fact]
    public async Task Teams_Webhook_AdaptiveCardWithTheMessageAndALinkBack()
    {
        _api.Given(Request.Create().WithPath("/teams/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(202));
        var (instance, account) = await Run(Notify(["teams", "inbox"]));

        Assert.Equal(["sent", "sent"], (await Samples.Instance(_ops, instance))["outbox"]!.AsArray().Select(o => (string)o!["state"]!));
        var card = JsonNode.Parse(Assert.Single(_api.LogEntries, e => e.RequestMessage.Path == "/teams/hook").RequestMessage.Body!)!["attachments"]![0]!;
        Assert.Equal("application/vnd.microsoft.card.adaptive", (string)card["contentType"]!);
        Assert.Equal($"Acme {account} <KA> asked for a call", (string)card["content"]!["body"]![0]!["text"]!);
        Assert.Equal($"https://cs.example/#/accounts/{account}", (string)card["content"]!["actions"]![0]!["url"]!);
        Assert.Single((await _ops.GetJson($"/api/tasks?account={account}"))["items"]!.AsArray()); // the inbox still gets its item
    }

    [Fact]
    public async Task Teams_WorkflowRefusesThePayload_FailsAtOnceWithAnIncident()
    {
        _api.Given(Request.Create().WithPath("/teams/hook").UsingPost()).RespondWith(Response.Create().WithStatusCode(400)
            .WithHeader("Content-Type", "application/json")
            .WithBody("""{"error":{"code":"TriggerInputSchemaMismatch","message":"The input body for trigger 'manual' of type 'Request' did not match its schema definition."}}"""));
        var (instance, _) = await Run(Notify(["teams"]));

        Assert.Equal("failed", await OutboxState(instance));
        var incident = Assert.Single((await Samples.Instance(_ops, instance))["incidents"]!.AsArray())!;
        Assert.Contains("the Teams webhook answered 400", (string)incident["message"]!);
    }

    [Fact]
    public async Task Notify_UnknownChannel_Refused400NamingTheStepAndField()
    {
        var playbook = Notify(["pager"]);
        var problem = await (await _ops.PostJson("/api/playbooks", playbook)).Expect(400);
        Assert.Contains(problem["problems"]!.AsArray(), e => (string)e!["stepId"]! == "heads-up" && (string)e["field"]! == "channels"
            && ((string)e["message"]!).Contains("unknown channel \"pager\""));
        await (await _ops.GetAsync($"/api/playbooks/{playbook["id"]}")).Expect(404);
    }

    private static JsonObject Notify(string[] channels, string? slackChannel = null)
    {
        var step = new JsonObject
        {
            ["id"] = "heads-up", ["type"] = "notify", ["to"] = "csm", ["message"] = "{{ account.name }} <{{ account.tier }}> asked for a call",
            ["channels"] = new JsonArray(channels.Select(c => (JsonNode)c).ToArray()),
        };
        if (slackChannel is not null) step["slackChannel"] = slackChannel;
        return new JsonObject { ["id"] = Samples.NewId("chat"), ["name"] = "Chat", ["trigger"] = new JsonObject { ["type"] = "manual" }, ["steps"] = new JsonArray(step), ["connections"] = new JsonArray() };
    }

    private async Task<(Guid Instance, string Account)> Run(JsonObject playbook)
    {
        var account = EmailHost.Account(Samples.NewId("acct"));
        await Samples.CreateAccount(_ops, account);
        await Samples.Publish(_ops, playbook);
        var instance = await Samples.Enrol(_ops, (string)playbook["id"]!, (string)account["id"]!);
        await _host.DrainAsync();
        return (instance, (string)account["id"]!);
    }

    private async Task<string> OutboxState(Guid instance) => (string)(await Samples.Instance(_ops, instance))["outbox"]![0]!["state"]!;

    private void SlackAnswers(string method, string json) =>
        _api.Given(Request.Create().WithPath($"/api/{method}").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(json));

    private List<WireMock.RequestMessage> Requests(string method) =>
        _api.LogEntries.Where(e => e.RequestMessage.Path == $"/api/{method}").Select(e => (WireMock.RequestMessage)e.RequestMessage).ToList();
}
