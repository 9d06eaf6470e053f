using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using CsPlaybooks.Infrastructure.Events;
using CsPlaybooks.Infrastructure.Health;

namespace CsPlaybooks.Bench;

/// <summary>
/// The real host (<c>src/CsPlaybooks.Host</c>'s build output) as a separate process, configured by environment
/// variables, driven over HTTP on loopback with an ops API key — the way users meet it. The rate limit is raised for
/// the bench's key (RateLimits:PermitsPerMinute), everything else is the product's default.
/// </summary>
public sealed partial class HttpTarget : IBenchTarget
{
    public const string Key = "bench-ops-key-00000000000000000000000000";
    private readonly Process _host;
    private readonly HttpClient _http;
    private readonly string _log;

    private HttpTarget(Process host, HttpClient http, string log)
    {
        _host = host;
        _http = http;
        _log = log;
    }

    public static async Task<HttpTarget> StartAsync(IReadOnlyDictionary<string, string?> settings, int connections, string? hostDll)
    {
        var port = FreePort();
        var dll = hostDll ?? HostDll();
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = Path.GetDirectoryName(dll)!, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        var env = new Dictionary<string, string?>(settings)
        {
            ["Urls"] = $"http://127.0.0.1:{port}", ["Auth:ApiKeys:0:Key"] = Key, ["Auth:ApiKeys:0:Role"] = "ops", ["Auth:ApiKeys:0:Name"] = "bench",
            ["RateLimits:PermitsPerMinute"] = "100000000", ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in env) start.Environment[key.Replace(":", "__")] = value;
        Console.WriteLine($"host: {dll}");
        var log = Path.Combine(Path.GetTempPath(), $"csplaybooks-bench-host-{port}.log");
        var writer = new StreamWriter(log) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (writer) writer.WriteLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = Timeout.InfiniteTimeSpan })
            { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(120) };
        http.DefaultRequestHeaders.Add("X-Api-Key", Key);
        var clock = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited) throw new InvalidOperationException($"the host exited during start-up; see {log}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode) break;
            }
            catch (HttpRequestException) { }
            if (clock.Elapsed > TimeSpan.FromSeconds(120)) throw new TimeoutException($"the host was not ready within 120 s; see {log}");
            await Task.Delay(100);
        }
        Console.WriteLine($"host process {process.Id} ready on port {port} in {clock.Elapsed.TotalSeconds:0.0} s (log: {log})");
        return new HttpTarget(process, http, log);
    }

    public async Task PublishAsync(string playbookJson)
    {
        var id = (string)System.Text.Json.Nodes.JsonNode.Parse(playbookJson)!["id"]!;
        await Expect(await _http.PostAsync("/api/playbooks", new StringContent(playbookJson, System.Text.Encoding.UTF8, "application/json")), HttpStatusCode.Created);
        await Expect(await _http.PostAsJsonAsync($"/api/playbooks/{id}/publish", new { note = "load benchmark" }), HttpStatusCode.OK);
    }

    public async Task EnrolAsync(string playbookId, string accountId) =>
        await Expect(await _http.PostAsJsonAsync($"/api/playbooks/{playbookId}/enrolments", new { accountId }), HttpStatusCode.Created);

    public async Task EnrolManyAsync(string playbookId, IReadOnlyList<string> accountIds)
    {
        var response = await _http.PostAsJsonAsync($"/api/playbooks/{playbookId}/enrolments/batch", new { enrolments = accountIds.Select(accountId => new { accountId }) });
        await Expect(response, HttpStatusCode.OK);
        var started = (int)System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!["started"]!;
        if (started != accountIds.Count) throw new InvalidOperationException($"batch enrolment: {started} of {accountIds.Count} started");
    }

    public async Task PostUsageAsync(IReadOnlyList<AccountUsage> usage)
    {
        var rows = usage.SelectMany(u => u.Facts.Select(f => new
        {
            accountId = u.AccountId, date = f.Date.ToString("yyyy-MM-dd"), activeUsers = f.ActiveUsers, materialInput = f.MaterialInput,
            contentOutput = f.ContentOutput, featuresUsed = f.FeaturesUsed, apiCalls = f.ApiCalls,
        }));
        var response = await _http.PostAsJsonAsync("/api/usage", rows);
        await Expect(response, HttpStatusCode.OK);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        if (body["rejected"]!.AsArray().Count > 0) throw new InvalidOperationException($"usage: rows rejected: {body["rejected"]!.ToJsonString()[..Math.Min(300, body["rejected"]!.ToJsonString().Length)]}");
    }

    public async Task PostEventAsync(string name, string accountId) =>
        await Expect(await _http.PostAsJsonAsync("/api/events", new { name, accountId }), HttpStatusCode.Accepted);

    public async Task PostBatchAsync(IReadOnlyList<NewEvent> events) =>
        await Expect(await _http.PostAsJsonAsync("/api/events/batch", new { events = events.Select(e => new { id = e.Id, name = e.Name, accountId = e.AccountId }) }), HttpStatusCode.Accepted);

    public async Task<(int Checked, int Enrolled)> SweepAsync()
    {
        var response = await _http.PostAsync("/api/triggers/sweep", null);
        await Expect(response, HttpStatusCode.OK);
        var body = System.Text.Json.Nodes.JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        return ((int)body["accountsChecked"]!, (int)body["enrolled"]!);
    }

    public TimeSpan ProductCpu()
    {
        _host.Refresh();
        return _host.TotalProcessorTime;
    }

    public (long Now, long Peak) ProductWorkingSet()
    {
        _host.Refresh();
        return (_host.WorkingSet64, _host.PeakWorkingSet64);
    }

    private async Task Expect(HttpResponseMessage response, HttpStatusCode status)
    {
        if (response.StatusCode == status) return;
        throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()} (host log: {_log})");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_host.HasExited)
        {
            _host.Kill();
            await _host.WaitForExitAsync();
        }
        _host.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The host's Release build next to this repository's bench (build CsPlaybooks.sln -c Release first).</summary>
    private static string HostDll()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var dll = Path.Combine(dir.FullName, "src", "CsPlaybooks.Host", "bin", "Release", "net10.0", "CsPlaybooks.Host.dll");
            if (File.Exists(dll)) return dll;
        }
        throw new FileNotFoundException("the host is not built: dotnet build CsPlaybooks.sln -c Release first");
    }
}
