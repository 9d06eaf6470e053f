using System.Text.Json.Nodes;
using Azure.Core;
using CsPlaybooks.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace CsPlaybooks.Host.Tests.Tasks;

/// <summary>
/// The Microsoft To Do mirror against a fake Graph (WireMock.Net): create once (also after a 429), complete here → PATCH,
/// complete in To Do → completed here and the playbook resumed. Virtual clock; one host and one fake per class.
/// </summary>
public sealed class TodoMirrorTests : IAsyncLifetime
{
    private WireMockServer _graph = null!;
    private TestHost _host = null!;
    private WebApplicationFactory<Program> _app = null!;
    private HttpClient _ops = null!;

    public Task InitializeAsync()
    {
        _graph = WireMockServer.Start();
        _host = new TestHost(TestDatabase.Create(Db.Sqlite), TestHost.NewClock());
        _app = _host.WithWebHostBuilder(b =>
        {
            b.UseSetting("Graph:TenantId", "tenant");
            b.UseSetting("Graph:ClientId", "client");
            b.UseSetting("Graph:ClientSecret", "secret");
            b.UseSetting("Graph:BaseUrl", _graph.Url + "/v1.0");
            b.UseSetting("Graph:PollInterval", "00:01:00");
            b.ConfigureServices(s => s.AddSingleton<TokenCredential>(new FakeCredential()));
        });
        _ops = _app.CreateClient();
        _ops.DefaultRequestHeaders.Add("X-Api-Key", TestHost.OpsKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _app.DisposeAsync();
        await _host.DisposeAsync();
        _graph.Stop();
    }

    private Microsoft.Extensions.Time.Testing.FakeTimeProvider Clock => _host.Clock!;

    [Fact]
    public async Task CreateTask_CreatesTodoTaskOnce_WithTitleAndDue()
    {
        var user = Samples.NewId("user");
        StubList(user);
        StubCreate(user, throttleFirst: false);
        var (_, account) = await Start(user);

        var task = await Eventually.Get(() => TaskSamples.TaskOf(_ops, account), t => t["todo"] is not null, "the To Do task id");
        Assert.Equal("todo-" + user, (string)task["todo"]!["taskId"]!);
        var post = Assert.Single(Posts(user));
        Assert.Equal("Bearer fake-token", post.RequestMessage.Headers!["Authorization"].Single());
        var body = JsonNode.Parse(post.RequestMessage.Body!)!;
        Assert.Equal($"Call Account {account}", (string)body["title"]!);
        var due = DateTimeOffset.Parse((string)task["dueAt"]!);
        Assert.Equal(due.UtcDateTime, DateTime.Parse((string)body["dueDateTime"]!["dateTime"]!, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal));
        Assert.Equal("UTC", (string)body["dueDateTime"]!["timeZone"]!);
        Assert.Equal((string)task["key"]!, (string)body["linkedResources"]![0]!["externalId"]!);
        Assert.Equal("high", (string)body["importance"]!);
    }

    [Fact]
    public async Task Throttled429_RetriesAfterRetryAfter_ExactlyOneTaskCreated()
    {
        var user = Samples.NewId("user");
        StubList(user);
        StubCreate(user, throttleFirst: true);
        var (_, account) = await Start(user);

        await Eventually.Get(async () => Posts(user, anyStatus: true).Count, n => n >= 1, "the first (throttled) POST");
        var task = await TaskSamples.TaskOf(_ops, account);
        Assert.Null(task["todo"]);
        Clock.Advance(TimeSpan.FromSeconds(0.5));
        await _app.Services.DrainPumpsAsync();
        Assert.Single(Posts(user, anyStatus: true));                   // Retry-After: 2 is honoured

        Clock.Advance(TimeSpan.FromSeconds(2));
        await Eventually.Get(() => TaskSamples.TaskOf(_ops, account), t => t["todo"] is not null, "the retried create");
        Assert.Single(Posts(user));
        Assert.Equal(2, Posts(user, anyStatus: true).Count);
    }

    [Fact]
    public async Task CompleteHere_PatchesTodoTaskCompleted()
    {
        var user = Samples.NewId("user");
        StubList(user);
        StubCreate(user, throttleFirst: false);
        _graph.Given(Request.Create().WithPath($"/v1.0/users/{user}/todo/lists/list-{user}/tasks/todo-{user}").UsingPatch())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody($$"""{ "id": "todo-{{user}}", "status": "completed" }"""));
        var (instance, account) = await Start(user);
        var task = await Eventually.Get(() => TaskSamples.TaskOf(_ops, account), t => t["todo"] is not null, "the To Do task");

        await (await _ops.PostJson($"/api/tasks/{task["id"]}/complete", new { })).Expect(200);
        var patch = await Eventually.Get(async () => _graph.LogEntries.Where(e => e.RequestMessage.Method == "PATCH" && e.RequestMessage.Path.Contains(user)).ToList(),
            l => l.Count > 0, "the PATCH");
        Assert.Equal("completed", (string)JsonNode.Parse(patch.Single().RequestMessage.Body!)!["status"]!);
        await Eventually.Get(() => Samples.Instance(_ops, instance), d => (string)d["status"]! == "completed", "the playbook to resume");
    }

    [Fact]
    public async Task CompletedInTodo_CompletesHere_AndResumesPlaybook()
    {
        var user = Samples.NewId("user");
        StubList(user);
        StubCreate(user, throttleFirst: false);
        _graph.Given(Request.Create().WithPath($"/v1.0/users/{user}/todo/lists/list-{user}/tasks/todo-{user}").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody($$"""{ "id": "todo-{{user}}", "title": "x", "status": "completed" }"""));
        var (instance, account) = await Start(user);
        var task = await Eventually.Get(() => TaskSamples.TaskOf(_ops, account), t => t["todo"] is not null, "the To Do task");
        Assert.Equal("open", (string)task["status"]!);

        Clock.Advance(TimeSpan.FromMinutes(1));
        var done = await Eventually.Get(() => _ops.GetJson($"/api/tasks/{task["id"]}"), t => (string)t["status"]! == "completed", "the completion from To Do");
        Assert.Equal("Microsoft To Do", (string)done["completedBy"]!);
        var detail = await Eventually.Get(() => Samples.Instance(_ops, instance), d => (string)d["status"]! == "completed", "the playbook to resume");
        Assert.Contains(Samples.Journal(detail), j => (string)j["summary"]! == "called");
        Assert.DoesNotContain(_graph.LogEntries, e => e.RequestMessage.Method == "PATCH");
    }

    private async Task<(Guid Instance, string Account)> Start(string user)
    {
        var csm = Samples.NewId("csm");
        await TaskSamples.PutCsm(_ops, csm, TaskSamples.Csm("Todo " + user, "high", ["todo-only"], graphUserId: user));
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, TaskSamples.Account(account, "KA", "retail", csmId: csm));
        var playbook = Samples.NewId("pb");
        await Samples.Publish(_ops, TaskSamples.CallPlaybook(playbook));
        return (await Samples.Enrol(_ops, playbook, account), account);
    }

    private void StubList(string user)
    {
        _graph.Given(Request.Create().WithPath($"/v1.0/users/{user}/todo/lists").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{ "value": [] }"""));
        _graph.Given(Request.Create().WithPath($"/v1.0/users/{user}/todo/lists").UsingPost())
            .RespondWith(Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody($$"""{ "id": "list-{{user}}", "displayName": "CsPlaybooks" }"""));
        _graph.Given(Request.Create().WithPath($"/v1.0/users/{user}/todo/lists/list-{user}/tasks").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody("""{ "value": [] }"""));
    }

    private void StubCreate(string user, bool throttleFirst)
    {
        var path = $"/v1.0/users/{user}/todo/lists/list-{user}/tasks";
        var created = Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json")
            .WithBody($$"""{ "id": "todo-{{user}}", "title": "x", "status": "notStarted" }""");
        if (!throttleFirst)
        {
            _graph.Given(Request.Create().WithPath(path).UsingPost()).RespondWith(created);
            return;
        }
        _graph.Given(Request.Create().WithPath(path).UsingPost()).InScenario("create-" + user).WillSetStateTo("throttled")
            .RespondWith(Response.Create().WithStatusCode(429).WithHeader("Retry-After", "2").WithHeader("Content-Type", "application/json")
                .WithBody("""{ "error": { "code": "TooManyRequests", "message": "slow down" } }"""));
        _graph.Given(Request.Create().WithPath(path).UsingPost()).InScenario("create-" + user).WhenStateIs("throttled").RespondWith(created);
    }

    private List<WireMock.Logging.ILogEntry> Posts(string user, bool anyStatus = false) =>
        _graph.LogEntries.Where(e => e.RequestMessage.Method == "POST" && e.RequestMessage.Path == $"/v1.0/users/{user}/todo/lists/list-{user}/tasks"
            && (anyStatus || (int)e.ResponseMessage.StatusCode! == 201)).ToList();

    private sealed class FakeCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) => new("fake-token", DateTimeOffset.MaxValue);
        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) => new(GetToken(requestContext, cancellationToken));
    }
}
