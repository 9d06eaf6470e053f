using System.Data.Common;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using CsPlaybooks.Infrastructure;
using Npgsql;

namespace CsPlaybooks.Bench;

/// <summary>
/// --reports: a book of N accounts (<see cref="ScaleBook"/>, seeded through the product's batch paths by a second,
/// unstarted copy of the product in this process, on the same database), then every report endpoint, the CSM list and
/// the account list's pages, searches and filters timed over HTTP against the real host (the way the designer meets
/// them): one warm-up call, then 3 timed calls each, min / median / max. Beside them, the database's raw ceiling of the
/// same run: a raw <c>SELECT count(*)</c> and a raw lookup by primary key and by the name index on the accounts table,
/// and the host's own floor (GET /health/live), timed the same way.
/// </summary>
public static class ReportsBench
{
    private const int Runs = 3;
    public static readonly TimeSpan StatisticsInterval = TimeSpan.FromSeconds(2);

    public static async Task<(JsonObject Result, List<string> Problems)> RunAsync(HttpTarget host, IReadOnlyDictionary<string, string?> settings, string provider,
        string connectionString, int n)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddCsPlaybooks(builder.Configuration);
        JsonObject seeding;
        using (var seeder = builder.Build()) // not started: its services only, the host process runs the pumps
            seeding = await ScaleBook.SeedAsync(seeder.Services, new ScaleBookSize(n, n, n, provider == "postgres" ? 4 : 1), Console.WriteLine);
        // The planner's statistics now, as PostgreSQL's autovacuum and the host's PRAGMA optimize (SqliteStatistics) would
        // gather them within the hour. SQLite connections read them when they open: the host's next statistics pass (every
        // StatisticsInterval here) sees them changed and has its pooled connections reopened.
        await RawAsync(provider, connectionString, "ANALYZE");
        if (provider == "sqlite") await Task.Delay(2 * StatisticsInterval);
        var tasks = Stopwatch.StartNew(); // the review playbook's tasks may be created after its burst (the host's outbox)
        while ((int?)(await host.GetJsonAsync("/api/tasks?take=1&status=open"))?["total"] < n / 20 && tasks.Elapsed < TimeSpan.FromSeconds(120)) await Task.Delay(500);

        var last = (n - 1) / 50 * 50;
        var probe = ScaleBook.Id(n - 1);
        var timed = new List<(string Name, Func<Task<JsonNode?>> Call)>
        {
            ("raw: SELECT count(*) FROM accounts", () => RawAsync(provider, connectionString, "SELECT count(*) FROM accounts")),
            ("raw: SELECT by primary key", () => RawAsync(provider, connectionString, $"SELECT json FROM accounts WHERE id = '{probe}'")),
            ("raw: SELECT by name (index)", () => RawAsync(provider, connectionString, $"SELECT id FROM accounts WHERE name = '{ScaleBook.Name(n - 1)}'")),
            ("HTTP floor: GET /health/live", () => host.GetJsonAsync("/health/live", json: false)),
        };
        void Get(string path) => timed.Add((path, () => host.GetJsonAsync(path)));
        const string filter = "tier=KA&healthBand=red";
        foreach (var report in new[] { "reasons", "reasons?by=quarter&kind=renewal", "at-risk", "health", "health/trend", "expansion", "nps", "filters", "csm-load",
                     $"playbooks/{ScaleBook.ReviewPlaybook}/funnel", $"playbooks/{ScaleBook.HoldPlaybook}/funnel", $"playbooks/{ScaleBook.HoldPlaybook}/holdout" })
            Get("/api/reports/" + report);
        foreach (var report in new[] { "reasons", "at-risk", "health", "health/trend", "csm-load", $"playbooks/{ScaleBook.HoldPlaybook}/funnel", $"playbooks/{ScaleBook.HoldPlaybook}/holdout" })
            Get($"/api/reports/{report}{(report.Contains('?') ? '&' : '?')}{filter}&industry=retail&tag=emea");
        Get("/api/csms");
        Get("/api/accounts?take=50");
        Get($"/api/accounts?take=50&q={Uri.EscapeDataString(ScaleBook.Name(n - 1))}");
        Get($"/api/accounts?take=50&{filter}");
        Get($"/api/accounts?take=50&skip={last}");
        Get($"/api/accounts?take=50&sort=-contractEnd&skip={last}");
        Get($"/api/accounts?take=50&playbookId={ScaleBook.HoldPlaybook}&sort=name");
        Get("/api/tasks?take=50&status=open");
        Get("/api/instances?take=50");

        var result = new JsonObject { ["seeding"] = seeding };
        var figures = new JsonObject();
        var problems = new List<string>();
        Console.WriteLine($"| {provider}, over HTTP, {n} accounts | min ms | median ms | max ms |");
        Console.WriteLine("|---|---:|---:|---:|");
        var bodies = new Dictionary<string, JsonNode?>();
        foreach (var (name, call) in timed)
        {
            bodies[name] = await call(); // warm-up (JIT, query plans, caches)
            var ms = new List<double>();
            for (var r = 0; r < Runs; r++)
            {
                var clock = Stopwatch.StartNew();
                await call();
                ms.Add(clock.Elapsed.TotalMilliseconds);
            }
            ms.Sort();
            Console.WriteLine($"| {name} | {ms[0]:0.0} | {ms[1]:0.0} | {ms[2]:0.0} |");
            figures[name] = new JsonArray(ms.Select(m => (JsonNode)Math.Round(m, 1)).ToArray());
            if (ms[1] > 1000) problems.Add($"{name}: median {ms[1]:0} ms (target < 1 s)");
        }
        result["ms"] = figures;
        var (now, peak) = host.ProductWorkingSet();
        result["peakWorkingSetMB"] = Math.Round(peak / 1048576.0);
        result["workingSetMB"] = Math.Round(now / 1048576.0);
        Console.WriteLine($"host working set with {n} waiting instances: {result["workingSetMB"]} MB now, {result["peakWorkingSetMB"]} MB peak");
        // What holds it: the runtime's own gauges from the host's Prometheus endpoint (managed heap after the last GC,
        // memory the GC has committed, JIT-compiled code); the rest of the working set is native (runtime, libraries, stacks).
        var metrics = ((string?)await host.GetTextAsync("/metrics") ?? "").Split('\n')
            .Where(l => l.StartsWith("dotnet_gc_last_collection_heap_size_bytes") || l.StartsWith("dotnet_gc_last_collection_memory_committed_size_bytes")
                || l.StartsWith("dotnet_jit_compiled_il_size_bytes") || l.StartsWith("dotnet_gc_heap_total_allocated_bytes"));
        foreach (var line in metrics) Console.WriteLine($"  {line}");

        void Expect(string what, bool ok, string detail)
        {
            Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}: {detail}");
            if (!ok) problems.Add($"{what}: {detail}");
        }
        Console.WriteLine("verification:");
        var total = (int?)bodies["/api/accounts?take=50"]?["total"];
        Expect("account list's true total", total == n, $"{total}");
        var found = bodies[$"/api/accounts?take=50&q={Uri.EscapeDataString(ScaleBook.Name(n - 1))}"]?["items"]?.AsArray().Select(a => (string?)a?["id"]).ToList() ?? [];
        Expect($"search by name finds {probe}", found.SequenceEqual([probe]), string.Join(", ", found));
        var narrowed = (int?)bodies[$"/api/accounts?take=50&{filter}"]?["total"];
        Expect("a filter narrows the total", narrowed is > 0 && narrowed < n, $"{narrowed}");
        var lastPage = bodies[$"/api/accounts?take=50&skip={last}"]?["items"]?.AsArray().Count;
        Expect("the last page holds the rest", lastPage == n - last, $"{lastPage}");
        var waiting = (int?)bodies[$"/api/accounts?take=50&playbookId={ScaleBook.HoldPlaybook}&sort=name"]?["total"];
        Expect("accounts waiting in the hold playbook", waiting is > 0 && waiting <= n, $"{waiting}");
        var scored = (int?)bodies["/api/reports/health"]?["unscored"];
        Expect("every account scored", scored == 0, $"{scored} unscored");
        var reasons = (int?)bodies["/api/reports/reasons"]?["total"];
        Expect("renewal reasons (every 20th account)", reasons == n / 20, $"{reasons}");
        return (result, problems);
    }

    private static async Task<JsonNode?> RawAsync(string provider, string connectionString, string sql)
    {
        await using DbConnection connection = provider == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return JsonValue.Create((await command.ExecuteScalarAsync())?.ToString());
    }
}
