using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Pumps;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CsPlaybooks.Host.Tests.Support;

/// <summary>
/// The real host (same Program, real database, real Quartz, real pumps) with test API keys per role,
/// an optional virtual clock, and a workflows folder of its own.
/// </summary>
public sealed class TestHost : WebApplicationFactory<Program>
{
    public const string OpsKey = "test-ops-key-0000000000000000000000";
    public const string CsmKey = "test-csm-key-0000000000000000000000";
    public const string IntegrationKey = "test-integration-key-000000000000";
    public const string ViewerKey = "test-viewer-key-00000000000000000000";

    private readonly Action<IWebHostBuilder>? _configure;

    /// <param name="settings">More configuration for this host.</param>
    /// <param name="configure">More settings or services for this host (applied last).</param>
    public TestHost(TestDatabase database, FakeTimeProvider? clock = null, string? workflowsDirectory = null,
        IReadOnlyDictionary<string, string>? settings = null, Action<IWebHostBuilder>? configure = null)
    {
        _configure = configure;
        Database = database;
        Settings = settings ?? new Dictionary<string, string>();
        Clock = clock;
        WorkflowsDirectory = workflowsDirectory ?? Directory.CreateTempSubdirectory("csplaybooks-wf-").FullName;
    }

    public TestDatabase Database { get; }
    public FakeTimeProvider? Clock { get; }
    public string WorkflowsDirectory { get; }
    /// <summary>Extra configuration for this host (e.g. <c>Limits:RequestBody:Default</c>).</summary>
    public IReadOnlyDictionary<string, string> Settings { get; }

    /// <summary>A virtual clock at a fixed, ordinary moment (a Monday morning in March 2026).</summary>
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:Provider", Database.Provider.ToString());
        builder.UseSetting("Database:ConnectionString", Database.ConnectionString);
        builder.UseSetting("Workflows:Directory", WorkflowsDirectory);
        builder.UseSetting("Timers:PollInterval", "00:00:00.050");
        builder.UseSetting("Outbox:PollInterval", "00:00:00.050");
        builder.UseSetting("Outbox:FirstBackoff", "00:00:00.100");
        // Tests move the clock by days: a full collection on every move would only slow them (IdleMemoryTrimTests cover it).
        builder.UseSetting("Memory:TrimWhenIdle", "false");
        string[][] keys = [[OpsKey, "ops"], [CsmKey, "csm"], [IntegrationKey, "integration"], [ViewerKey, "viewer"]];
        for (var i = 0; i < keys.Length; i++)
        {
            builder.UseSetting($"Auth:ApiKeys:{i}:Key", keys[i][0]);
            builder.UseSetting($"Auth:ApiKeys:{i}:Role", keys[i][1]);
            builder.UseSetting($"Auth:ApiKeys:{i}:Name", $"test {keys[i][1]}");
        }
        builder.UseSetting("Auth:ApiKeys:1:CsmId", "csm-1");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
        if (Clock is not null) builder.ConfigureServices(s => s.AddSingleton<TimeProvider>(Clock));
        _configure?.Invoke(builder);
    }

    /// <summary>
    /// Waits until every pump (timers, outbox, events, task escalation) has run a pass at the current (virtual) time
    /// that found nothing to do: after it, "nothing happened" is a fact, not a matter of waiting long enough.
    /// </summary>
    public Task DrainAsync() => Services.DrainPumpsAsync();

    /// <summary>
    /// Also closes this database's idle pooled connections: pools outlive their host, and hundreds of test databases
    /// each keeping a few idle connections for minutes would exhaust the test server's connection slots.
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (Database.Provider == CsPlaybooks.Infrastructure.Persistence.DatabaseProvider.Postgres)
            Npgsql.NpgsqlConnection.ClearPool(new Npgsql.NpgsqlConnection(Database.ConnectionString));
    }

    public HttpClient Client(string key = OpsKey)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        client.Timeout = TimeSpan.FromSeconds(60);
        return client;
    }
}

public static class PumpExtensions
{
    /// <summary>See <see cref="PumpActivity.DrainAsync"/>: returns when no pump has anything left to do at the current (virtual) time.</summary>
    public static Task DrainPumpsAsync(this IServiceProvider services) =>
        services.GetRequiredService<PumpActivity>().DrainAsync(TimeSpan.FromSeconds(30));
}

public static class HttpExtensions
{
    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, object body) =>
        client.PostAsync(url, Json(body));

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, object body) =>
        client.PutAsync(url, Json(body));

    public static Task<HttpResponseMessage> PostRaw(this HttpClient client, string url, string body) =>
        client.PostAsync(url, new StringContent(body, Encoding.UTF8, "application/json"));

    public static async Task<JsonNode> Read(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        return JsonNode.Parse(text) ?? throw new InvalidOperationException("empty response body");
    }

    /// <summary>Asserts the status and returns the body, showing the body when the status differs.</summary>
    public static async Task<JsonNode> Expect(this HttpResponseMessage response, int status)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True((int)response.StatusCode == status, $"expected HTTP {status}, got {(int)response.StatusCode}: {text}");
        return string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> GetJson(this HttpClient client, string url) => await (await client.GetAsync(url)).Expect(200);

    private static StringContent Json(object body) =>
        new(body is JsonNode node ? node.ToJsonString() : body is string s ? s : System.Text.Json.JsonSerializer.Serialize(body, JsonOptions), Encoding.UTF8, "application/json");

    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new(System.Text.Json.JsonSerializerDefaults.Web);
}
