using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Observability;
using CsPlaybooks.Success.Email;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace CsPlaybooks.Host.Tests.Operations;

/// <summary>The burst span the runtime writes, as an OpenTelemetry exporter receives it.</summary>
[Collection(nameof(MetricsCollection))]
public sealed class TracingTests
{
    [Fact]
    public async Task BurstSpan_CarriesPlaybookVersionStepAccount()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans);
        var logs = new ScopeCapturingLogger();
        var pickup = Directory.CreateTempSubdirectory("csplaybooks-pickup-").FullName;
        await using var host = new TestHost(TestDatabase.Create(Db.Sqlite), TestHost.NewClock(),
            settings: new Dictionary<string, string> { ["Email:PickupDirectory"] = pickup, ["Email:PublicBaseUrl"] = "http://localhost" },
            configure: b => b.ConfigureLogging(l => l.AddProvider(logs)));
        var templates = Directory.CreateDirectory(Path.Combine(host.WorkflowsDirectory, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "hello.subject.liquid"), "Hello {{ account.name }}");
        File.WriteAllText(Path.Combine(templates, "hello.text.liquid"), "Hello {{ recipient.name }}");
        var ops = host.Client();
        var account = Samples.NewId("acct");
        var playbook = Samples.NewId("pb");
        await Samples.CreateAccount(ops, Samples.Account(account));
        await Samples.Publish(ops, new JsonObject
        {
            ["id"] = playbook, ["name"] = "Traced", ["trigger"] = new JsonObject { ["type"] = "manual" },
            ["steps"] = new JsonArray(new JsonObject
            {
                ["id"] = "mail", ["type"] = "sendEmail", ["template"] = "hello", ["to"] = new JsonArray("decision-maker"), ["category"] = EmailCategories.Operational,
            }),
            ["connections"] = new JsonArray(),
        });

        var instance = await Samples.Enrol(ops, playbook, account);
        await host.DrainAsync();

        var burst = Assert.Single(spans, s => s.OperationName == "burst" && (string?)s.GetTagItem("csplaybooks.playbook") == playbook);
        Assert.Equal(instance.ToString(), burst.GetTagItem("csplaybooks.instance.id"));
        Assert.Equal(1, burst.GetTagItem("csplaybooks.playbook.version"));
        Assert.Equal(account, burst.GetTagItem("csplaybooks.account.id"));
        Assert.Equal("mail", burst.GetTagItem("csplaybooks.step"));
        var sent = Assert.Single(logs.Entries, e => e.Category.EndsWith("EmailDeliveryHandler", StringComparison.Ordinal) && e.Message.Contains(" sent to "));
        Assert.False(sent.Scope.ContainsKey("AccountId"), "deliveries run after the burst, outside its log scope");
        Assert.Equal(instance, sent.Scope["InstanceId"]);
        Assert.Equal("email", sent.Scope["Kind"]);
        Assert.IsType<Guid>(sent.Scope["OutboxId"]);
        Assert.Single(Directory.GetFiles(pickup, "*.eml"));
        Directory.Delete(pickup, recursive: true);
    }

    [Fact]
    public async Task WebhookDelivery_HasItsOwnSpan_AndTheReceiverGetsItsTraceContext()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = Listen(spans);
        using var receiver = WireMockServer.Start();
        receiver.Given(Request.Create().WithPath("/crm").UsingPost()).RespondWith(Response.Create().WithStatusCode(204));
        await using var host = new TestHost(TestDatabase.Create(Db.Sqlite), TestHost.NewClock(), settings: new Dictionary<string, string>
        {
            ["Webhooks:Secret"] = "tracing-test-secret", ["Webhooks:AllowedPrivateHosts:0"] = "localhost",
        });
        var ops = host.Client();
        var account = Samples.NewId("acct");
        var playbook = Samples.NewId("pb");
        await Samples.CreateAccount(ops, Samples.Account(account));
        await Samples.Publish(ops, new JsonObject
        {
            ["id"] = playbook, ["trigger"] = new JsonObject { ["type"] = "manual" },
            ["steps"] = new JsonArray(new JsonObject
            {
                ["id"] = "tell-crm", ["type"] = "webhook", ["url"] = receiver.Url + "/crm", ["event"] = "renewal.at-risk", ["payload"] = "{}",
            }),
        });

        var instance = await Samples.Enrol(ops, playbook, account);
        await host.DrainAsync();

        var delivery = Assert.Single(spans, s => s.OperationName == "deliver webhook" && (string?)s.GetTagItem("csplaybooks.instance.id") == instance.ToString());
        Assert.Equal("tell-crm", delivery.GetTagItem("csplaybooks.step"));
        Assert.Equal(ActivityStatusCode.Unset, delivery.Status);
        var post = Assert.Single(receiver.LogEntries);
        var traceparent = Assert.Single(post.RequestMessage.Headers!["traceparent"]);
        Assert.Equal(delivery.TraceId.ToString(), traceparent.Split('-')[1]);

        receiver.Given(Request.Create().WithPath("/crm").UsingPost()).RespondWith(Response.Create().WithStatusCode(404));
        var other = Samples.NewId("acct");
        await Samples.CreateAccount(ops, Samples.Account(other));
        var refused = await Samples.Enrol(ops, playbook, other);
        await host.DrainAsync();
        var failed = Assert.Single(spans, s => s.OperationName == "deliver webhook" && (string?)s.GetTagItem("csplaybooks.instance.id") == refused.ToString());
        Assert.Equal(ActivityStatusCode.Error, failed.Status);
        Assert.Contains("404", failed.StatusDescription);
    }

    private static ActivityListener Listen(ConcurrentQueue<Activity> spans)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == PlaybookTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }

    /// <summary>Keeps every log entry with the scope values active when it was written.</summary>
    private sealed class ScopeCapturingLogger : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();
        public ConcurrentQueue<(string Category, string Message, Dictionary<string, object?> Scope)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);
        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;
        public void Dispose() { }

        private sealed class Logger(ScopeCapturingLogger owner, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);
            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var scope = new Dictionary<string, object?>();
                owner._scopes.ForEachScope((s, values) =>
                {
                    if (s is IEnumerable<KeyValuePair<string, object>> pairs)
                        foreach (var (key, value) in pairs) values[key] = value;
                }, scope);
                owner.Entries.Enqueue((category, formatter(state, exception), scope));
            }
        }
    }
}
