using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Bench;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Infrastructure;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Events;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

BenchOptions options;
try
{
    options = BenchOptions.Parse(args);
}
catch (ArgumentException e)
{
    if (e.Message.Length > 0) Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(BenchOptions.Usage);
    return 2;
}

var n = options.Accounts;
var waitSeconds = options.EffectiveWaitSeconds;
Console.WriteLine($"CsPlaybooks load benchmark: provider={options.Provider} accounts={n} concurrency={options.Concurrency} wait=PT{waitSeconds}S cores={Environment.ProcessorCount} " +
                  $"server-gc={System.Runtime.GCSettings.IsServerGC}");

// ---- database -------------------------------------------------------------------------------------------------
PostgresServer? postgres = null;
string? sqliteFile = null;
string connectionString;
if (options.Provider == "postgres")
{
    Console.WriteLine("starting a throw-away PostgreSQL (fsync on, synchronous_commit on)…");
    postgres = PostgresServer.Start(fsync: true, $"{(options.Statements ? StatementStats.ServerSettings : "")} {options.ServerSettings}");
    connectionString = postgres.CreateDatabase("bench");
}
else
{
    sqliteFile = Path.Combine(Path.GetTempPath(), $"csplaybooks-bench-{Guid.NewGuid():N}.db");
    connectionString = $"Data Source={sqliteFile}";
}

var workflowsDir = Directory.CreateTempSubdirectory("csplaybooks-bench-workflows").FullName;
var settings = new Dictionary<string, string?>
{
    ["Database:Provider"] = options.Provider == "postgres" ? "Postgres" : "Sqlite",
    ["Database:ConnectionString"] = connectionString,
    ["Workflows:Directory"] = workflowsDir,
};
if (options.TimerParallelism is { } tp) settings["Timers:Parallelism"] = tp.ToString(CultureInfo.InvariantCulture);
if (options.TimerBatch is { } tb) settings["Timers:BatchSize"] = tb.ToString(CultureInfo.InvariantCulture);
// --reports on SQLite: the host takes up the statistics the bench gathers after seeding within seconds, not the hour
if (options.Reports && options.Provider == "sqlite") settings["Database:StatisticsInterval"] = ReportsBench.StatisticsInterval.ToString();

// ---- the product: in this process (AddCsPlaybooks, every hosted service) or the real host over HTTP ------------------
IHost? host = null;
IBenchTarget target;
PlaybooksDb db;
if (options.Http)
{
    var http = await HttpTarget.StartAsync(settings, options.Concurrency, options.HostDll); // the host runs the migrations at start-up
    target = http;
    db = new PlaybooksDb(Microsoft.Extensions.Options.Options.Create(new DatabaseOptions
        { Provider = options.Provider == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite, ConnectionString = connectionString }));
}
else
{
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = AppContext.BaseDirectory });
    builder.Configuration.AddInMemoryCollection(settings);
    builder.Logging.ClearProviders();
    builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
    builder.Logging.SetMinimumLevel(LogLevel.Warning);
    builder.Services.AddCsPlaybooks(builder.Configuration);
    host = builder.Build();
    await host.StartAsync(); // DatabaseStartup runs the migrations (DatabaseMigrator) before anything else
    target = new InProcessTarget(host.Services);
    db = host.Services.GetRequiredService<PlaybooksDb>();
}
var result = new JsonObject
{
    ["provider"] = options.Provider, ["mode"] = options.Http ? "http" : "in-process", ["accounts"] = n, ["concurrency"] = options.Concurrency, ["waitSeconds"] = waitSeconds, ["warmupSeconds"] = options.WarmupSeconds,
    ["batchSize"] = options.BatchSize, ["enrolBatch"] = options.EnrolBatch, ["enrolRate"] = options.EnrolRate, ["serverSettings"] = options.ServerSettings, ["cores"] = Environment.ProcessorCount, ["date"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
};

// ---- raw ceiling ------------------------------------------------------------------------------------------------
var ceilingDuration = TimeSpan.FromSeconds(options.CeilingSeconds);
Console.WriteLine($"raw ceiling: 1-row INSERT + COMMIT for {ceilingDuration.TotalSeconds:0} s on 1 connection, then on 4…");
var ceiling1 = await RawCeiling.MeasureAsync(options.Provider, db.ConnectionString, 1, ceilingDuration);
var ceiling4 = await RawCeiling.MeasureAsync(options.Provider, db.ConnectionString, 4, ceilingDuration);
Console.WriteLine($"raw ceiling: {ceiling1:0}/s on 1 connection, {ceiling4:0}/s on 4 connections");
if (options.Reports)
{
    var (reports, reportProblems) = await ReportsBench.RunAsync((HttpTarget)target, settings, options.Provider, connectionString, n);
    foreach (var (key, value) in reports) result[key] = value?.DeepClone();
    result["verified"] = reportProblems.Count == 0;
    Console.WriteLine("BENCH_RESULT " + result.ToJsonString());
    return await TearDownAsync(reportProblems);
}
if (options.Sweep || options.UsageFacts)
{
    var (mode, modeProblems) = options.Sweep
        ? await SweepBench.RunAsync(target, db, n, options.Provider, () => target.ProductWorkingSet().Peak)
        : await UsageBench.RunAsync(target, db, n, options.UsageDays, options.BatchSize, options.Provider,
            options.Statements ? new StatementStats(connectionString) : null);
    foreach (var (key, value) in mode) result[key] = value?.DeepClone();
    result["ceilingCommitsPerSecond1"] = Math.Round(ceiling1, 0);
    result["ceilingCommitsPerSecond4"] = Math.Round(ceiling4, 0);
    result["loadAverage1m"] = LoadAverage();
    result["verified"] = modeProblems.Count == 0;
    Console.WriteLine("BENCH_RESULT " + result.ToJsonString());
    return await TearDownAsync(modeProblems);
}

// ---- setup (not measured): accounts and the playbook ------------------------------------------------------------
var setupClock = Stopwatch.StartNew();
var accountIds = Enumerable.Range(1, n).Select(BenchAccounts.Id).ToArray();
await BenchAccounts.InsertAsync(db, n, i => new JsonObject { ["name"] = $"Bench account {BenchAccounts.Id(i)}", ["timeZone"] = "Europe/Berlin", ["tier"] = "ordinary" });
// --drain: every timer due at the same instant, shortly after enrolment should have ended (a backlog to drain).
var drainAt = DateTimeOffset.UtcNow.AddSeconds(waitSeconds + 10);
var waitStep = options.Drain
    ? $$"""{ "id": "wait", "type": "waitUntil", "date": "'{{drainAt:yyyy-MM-ddTHH:mm:ssZ}}'" }"""
    : $$"""{ "id": "wait", "type": "wait", "duration": "PT{{waitSeconds}}S" }""";
var playbookJson = $$"""
    {
      "id": "bench", "name": "Bench: wait, then wait for a ping, then for a pong", "version": 1,
      "steps": [
        {{waitStep}},
        { "id": "ping", "type": "waitForEvent", "event": "bench.ping", "timeout": "P30D" },
        { "id": "pong", "type": "waitForEvent", "event": "bench.pong", "timeout": "P30D" },
        { "id": "done", "type": "end", "reason": "ponged" },
        { "id": "gave-up", "type": "end", "reason": "no ping or pong" }
      ],
      "connections": [
        { "from": "wait", "to": "ping" },
        { "from": "ping", "outcome": "received", "to": "pong" },
        { "from": "ping", "outcome": "timeout", "to": "gave-up" },
        { "from": "pong", "outcome": "received", "to": "done" },
        { "from": "pong", "outcome": "timeout", "to": "gave-up" }
      ]
    }
    """;
await target.PublishAsync(playbookJson);
if (options.Provider == "postgres")
{
    await using var context = db.Create();
    await context.Database.ExecuteSqlRawAsync("ANALYZE");
}
Console.WriteLine($"setup: {n} accounts and playbook 'bench' (wait PT{waitSeconds}S → waitForEvent bench.ping → waitForEvent bench.pong → end) in {setupClock.Elapsed.TotalSeconds:0.0} s");

// ---- progress printer -------------------------------------------------------------------------------------------
var phase = "enrol";
long enrolled = 0, eventsDone = 0, failures = 0;
long timersLeft = n;
using var progressStop = new CancellationTokenSource();
var overall = Stopwatch.StartNew();
var progress = Task.Run(async () =>
{
    long lastEnrolled = 0, lastEvents = 0, lastTimersLeft = n;
    using var tick = new PeriodicTimer(TimeSpan.FromSeconds(1));
    try
    {
        while (await tick.WaitForNextTickAsync(progressStop.Token))
        {
            try
            {
                await using var context = db.Create();
                timersLeft = await context.Bookmarks.AsNoTracking().CountAsync(b => b.StepId == "wait", progressStop.Token);
            }
            catch (Exception) when (!progressStop.IsCancellationRequested) { }
            var e = Interlocked.Read(ref enrolled);
            var ev = Interlocked.Read(ref eventsDone);
            var t = Interlocked.Read(ref timersLeft);
            var fired = Math.Max(0, Math.Min(e, n) - t);
            Console.WriteLine($"[{overall.Elapsed.TotalSeconds,6:0.0}s] {phase,-7} enrolled {e,6} (+{e - lastEnrolled,5}/s)  timers fired {fired,6} (+{Math.Max(0, lastTimersLeft - t),5}/s, {t} waiting)  " +
                              $"events {ev,6} (+{ev - lastEvents,5}/s)  failures {Interlocked.Read(ref failures)}  product ws {target.ProductWorkingSet().Now / 1048576} MB");
            lastEnrolled = e;
            lastEvents = ev;
            lastTimersLeft = t;
        }
    }
    catch (OperationCanceledException) { }
});

// ---- a. enrolments ----------------------------------------------------------------------------------------------
var statements = options.Statements ? new StatementStats(connectionString) : null;
if (statements is not null) await statements.StartAsync();
TimeSpan Cpu() => target.ProductCpu();
var databaseCpu = new DatabaseCpu(postgres?.ServerProcessId);
double? DbCpuMs(TimeSpan? from, int? count = null) => databaseCpu.Now() - from is { } t ? Math.Round(t.TotalMilliseconds / (count ?? n), 3) : null;
string DbCpuText(double? ms, string what) => ms is { } v ? $"; database server {v:0.00} ms CPU per {what}" : "";
var self = Process.GetCurrentProcess();
TimeSpan BenchCpu() { self.Refresh(); return self.TotalProcessorTime; }
var benchCpu0 = BenchCpu();
var enrolCpu0 = Cpu();
var enrolDbCpu0 = databaseCpu.Now();
var enrolClock = Stopwatch.StartNew();
var enrolStartedAt = DateTimeOffset.UtcNow;
// --enrol-rate: the enrolment of the i-th account starts no earlier than i / R seconds into the phase.
async Task Paced(int firstAccount)
{
    if (options.EnrolRate <= 0) return;
    var due = TimeSpan.FromSeconds((double)firstAccount / options.EnrolRate) - enrolClock.Elapsed;
    if (due > TimeSpan.Zero) await Task.Delay(due);
}
if (options.EnrolBatch > 0)
{
    // The batch path: each call enrols EnrolBatch accounts (one read of their facts, one commit), 4 callers.
    var enrolCalls = accountIds.Chunk(options.EnrolBatch).Select((c, i) => (i, c)).ToDictionary(x => $"{x.i}", x => x.c);
    await RunConcurrently(enrolCalls.Keys.ToList(), Math.Min(4, options.Concurrency), async call =>
    {
        await Paced(int.Parse(call) * options.EnrolBatch);
        await target.EnrolManyAsync("bench", enrolCalls[call]);
        Interlocked.Add(ref enrolled, enrolCalls[call].Length);
    });
}
else
{
    var position = accountIds.Select((id, i) => (id, i)).ToDictionary(x => x.id, x => x.i);
    await RunConcurrently(accountIds, options.Concurrency, async id =>
    {
        await Paced(position[id]);
        await target.EnrolAsync("bench", id);
        Interlocked.Increment(ref enrolled);
    });
}
enrolClock.Stop();
var enrolCpuMs = (Cpu() - enrolCpu0).TotalMilliseconds / n;
var enrolDbCpuMs = DbCpuMs(enrolDbCpu0);
var enrolEndedAt = DateTimeOffset.UtcNow;
var enrolRate = n / enrolClock.Elapsed.TotalSeconds;
Console.WriteLine($"enrolments: {n} in {enrolClock.Elapsed.TotalSeconds:0.00} s = {enrolRate:0}/s{(options.EnrolRate > 0 ? $" (paced: at most {options.EnrolRate}/s)" : "")}; {enrolCpuMs:0.00} ms of this process's CPU per enrolment{DbCpuText(enrolDbCpuMs, "enrolment")}");
var firstDue = enrolStartedAt.AddSeconds(waitSeconds);
if (firstDue < enrolEndedAt)
    Console.WriteLine($"note: the first timers came due {(enrolEndedAt - firstDue).TotalSeconds:0.0} s before enrolment ended (raise --wait-seconds to keep the phases apart)");

if (statements is not null) await statements.PrintAndResetAsync("enrolments");

// ---- a2. every instance waiting: the product's working set until the first timer is due -------------------------
phase = "waiting";
long waitingMax = 0, waitingLast = 0;
var waitingClock = Stopwatch.StartNew();
while (DateTimeOffset.UtcNow < firstDue.AddSeconds(-1))
{
    waitingLast = target.ProductWorkingSet().Now;
    waitingMax = Math.Max(waitingMax, waitingLast);
    await Task.Delay(500);
}
var waitingMb = waitingMax / 1048576.0;
var waitingLastMb = waitingLast / 1048576.0;
if (waitingMax > 0)
    Console.WriteLine($"waiting: {n} instances waiting for their timers; the product's working set at most {waitingMb:0} MB, " +
                      $"{waitingLastMb:0} MB after {waitingClock.Elapsed.TotalSeconds:0} s of waiting{(target is HttpTarget ? " (the host process)" : " (product and bench in one process)")}");

// ---- b. timers (the product's TimerPump is running as a hosted service) -------------------------------------------
phase = "timers";
var timerCpu0 = Cpu();
var timerDbCpu0 = databaseCpu.Now();
var timerDeadline = enrolEndedAt.AddSeconds(waitSeconds + 120 + n / 100.0);
while (true)
{
    await using var context = db.Create();
    var left = await context.Bookmarks.AsNoTracking().CountAsync(b => b.StepId == "wait");
    if (left == 0) break;
    if (DateTimeOffset.UtcNow > timerDeadline) { Console.WriteLine($"timers: {left} still waiting at the deadline"); break; }
    await Task.Delay(200);
}
var timerCpuMs = (Cpu() - timerCpu0).TotalMilliseconds / n;
var timerDbCpuMs = DbCpuMs(timerDbCpu0);
List<(DateTimeOffset At, double LateBy, DateTimeOffset Due)> resumed;
await using (var context = db.Create())
{
    var rows = await context.Journal.AsNoTracking().Where(j => j.Kind == JournalKinds.StepResumed && j.StepId == "wait")
        .Select(j => new { j.At, j.DetailJson }).ToListAsync();
    resumed = rows.Select(r =>
    {
        var detail = JsonNode.Parse(r.DetailJson!)!.AsObject();
        return (r.At, (double)detail["lateBySeconds"]!, detail["dueAt"]!.GetValue<DateTimeOffset>());
    }).ToList();
}
var firstResume = resumed.Min(r => r.At);
var lastResume = resumed.Max(r => r.At);
var timerSpan = (lastResume - firstResume).TotalSeconds;
var timerRate = resumed.Count / Math.Max(timerSpan, 0.001);
var dueSpan = (resumed.Max(r => r.Due) - resumed.Min(r => r.Due)).TotalSeconds;
var late = resumed.Select(r => r.LateBy).Order().ToArray();
double Pct(double p) => late.Length == 0 ? double.NaN : late[Math.Min(late.Length - 1, (int)Math.Ceiling(p / 100 * late.Length) - 1)];
Console.WriteLine($"timers: {resumed.Count} resumed from {firstResume:HH:mm:ss.fff} to {lastResume:HH:mm:ss.fff} ({timerSpan:0.00} s) = {timerRate:0}/s; " +
                  $"offered: due over {dueSpan:0.00} s = {resumed.Count / Math.Max(dueSpan, 0.001):0}/s; lateness p50 {Pct(50):0.000} s, p99 {Pct(99):0.000} s, max {late.LastOrDefault():0.000} s; {timerCpuMs:0.00} ms CPU per timer{DbCpuText(timerDbCpuMs, "timer")}");

if (statements is not null) await statements.PrintAndResetAsync("timers");

// ---- c. events, one per request ------------------------------------------------------------------------------------
phase = "events";
async Task PostPing(string id, System.Collections.Concurrent.ConcurrentBag<double>? latencies)
{
    var started = Stopwatch.GetTimestamp();
    await target.PostEventAsync("bench.ping", id);
    latencies?.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    Interlocked.Increment(ref eventsDone);
}
// Warm-up, untimed: the first accounts' pings, for WarmupSeconds or a quarter of the accounts. A long-running host has
// compiled its event path; a fresh one compiles it as the first events arrive (over HTTP a quarter of its CPU for 3 s).
var warmupClock = Stopwatch.StartNew();
var warmedUp = options.WarmupSeconds <= 0 ? 0
    : await RunConcurrently(accountIds.Take(n / 4).ToList(), options.Concurrency, id => PostPing(id, null), until: () => warmupClock.Elapsed.TotalSeconds >= options.WarmupSeconds);
warmupClock.Stop();
if (warmedUp > 0) Console.WriteLine($"events warm-up (untimed): {warmedUp} in {warmupClock.Elapsed.TotalSeconds:0.00} s = {warmedUp / warmupClock.Elapsed.TotalSeconds:0}/s");
var timedEvents = n - warmedUp;
var eventCpu0 = Cpu();
var eventDbCpu0 = databaseCpu.Now();
var eventClock = Stopwatch.StartNew();
var eventLatencies = new System.Collections.Concurrent.ConcurrentBag<double>();
await RunConcurrently(accountIds.Skip(warmedUp).ToList(), options.Concurrency, id => PostPing(id, eventLatencies));
eventClock.Stop();
var eventCpuMs = (Cpu() - eventCpu0).TotalMilliseconds / timedEvents;
var eventDbCpuMs = DbCpuMs(eventDbCpu0, timedEvents);
var eventRate = timedEvents / eventClock.Elapsed.TotalSeconds;
var eventLatency = eventLatencies.Order().ToArray();
double EventPct(double p) => eventLatency.Length == 0 ? double.NaN : eventLatency[Math.Min(eventLatency.Length - 1, (int)Math.Ceiling(p / 100 * eventLatency.Length) - 1)];
Console.WriteLine($"events: {timedEvents} in {eventClock.Elapsed.TotalSeconds:0.00} s = {eventRate:0}/s; latency p50 {EventPct(50):0.0} ms, p99 {EventPct(99):0.0} ms; {eventCpuMs:0.00} ms CPU per event{DbCpuText(eventDbCpuMs, "event")}");

if (statements is not null) await statements.PrintAndResetAsync("events");

// ---- c2. events in batches: stored (202 once durable), then delivered by the event queue -----------------------------
phase = "batch";
var batchCpu0 = Cpu();
var batchDbCpu0 = databaseCpu.Now();
var batchClock = Stopwatch.StartNew();
var batches = accountIds.Select((id, i) => new NewEvent($"pong-{i}", "bench.pong", id)).Chunk(options.BatchSize).ToArray();
var batchCallers = Math.Max(1, Math.Min(4, options.Concurrency));
var nextBatch = -1;
await Task.WhenAll(Enumerable.Range(0, batchCallers).Select(_ => Task.Run(async () =>
{
    int i;
    while ((i = Interlocked.Increment(ref nextBatch)) < batches.Length)
    {
        try
        {
            await target.PostBatchAsync(batches[i]);
        }
        catch (Exception e)
        {
            if (Interlocked.Increment(ref failures) <= 5) Console.Error.WriteLine($"failure: {e.GetType().Name}: {e.Message}");
        }
    }
})));
var storeSeconds = batchClock.Elapsed.TotalSeconds;
var storeRate = n / storeSeconds;
var deliveryDeadline = DateTimeOffset.UtcNow.AddSeconds(120 + n / 100.0);
while (true)
{
    await using var context = db.Create();
    var left = await context.Bookmarks.AsNoTracking().CountAsync(b => b.StepId == "pong");
    if (left == 0) break;
    if (DateTimeOffset.UtcNow > deliveryDeadline) { Console.WriteLine($"batch: {left} still waiting for their pong at the deadline"); break; }
    await Task.Delay(50);
}
batchClock.Stop();
var batchCpuMs = (Cpu() - batchCpu0).TotalMilliseconds / n;
var batchDbCpuMs = DbCpuMs(batchDbCpu0);
if (statements is not null) await statements.PrintAndResetAsync("batch events");
var deliveryRate = n / batchClock.Elapsed.TotalSeconds;
Console.WriteLine($"batch events: {n} in batches of {options.BatchSize} ({batchCallers} callers) stored in {storeSeconds:0.00} s = {storeRate:0}/s; " +
                  $"all delivered {batchClock.Elapsed.TotalSeconds:0.00} s after the first post = {deliveryRate:0}/s; {batchCpuMs:0.00} ms CPU per event (store + deliver){DbCpuText(batchDbCpuMs, "event")}");
var benchCpuMs = (BenchCpu() - benchCpu0).TotalMilliseconds;
// ---- d. memory --------------------------------------------------------------------------------------------------
var peakMb = target.ProductWorkingSet().Peak / 1048576.0;
var gcInfo = GC.GetGCMemoryInfo();
var heapMb = GC.GetTotalMemory(false) / 1048576.0;

// ---- verification -----------------------------------------------------------------------------------------------
var problems = new List<string>();
await using (var context = db.Create())
{
    var instances = await context.Instances.AsNoTracking().CountAsync(i => i.PlaybookId == "bench");
    var completed = await context.Instances.AsNoTracking().CountAsync(i => i.PlaybookId == "bench" && i.Status == "completed");
    var waitResumes = await context.Journal.AsNoTracking().CountAsync(j => j.Kind == JournalKinds.StepResumed && j.StepId == "wait");
    var waitResumedInstances = await context.Journal.AsNoTracking().Where(j => j.Kind == JournalKinds.StepResumed && j.StepId == "wait").Select(j => j.InstanceId).Distinct().CountAsync();
    var pingResumes = await context.Journal.AsNoTracking().CountAsync(j => j.Kind == JournalKinds.StepResumed && j.StepId == "ping");
    var pongResumes = await context.Journal.AsNoTracking().CountAsync(j => j.Kind == JournalKinds.StepResumed && j.StepId == "pong");
    var pinged = await context.Journal.AsNoTracking().CountAsync(j => j.Kind == JournalKinds.Completed && j.StepId == "done");
    var bookmarksLeft = await context.Bookmarks.AsNoTracking().CountAsync();
    var unprocessed = await context.Events.AsNoTracking().CountAsync(e => e.ProcessedAt == null);
    void Expect(string what, long actual, long expected)
    {
        var ok = actual == expected;
        Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}: {actual} (expected {expected})");
        if (!ok) problems.Add($"{what}: {actual}, expected {expected}");
    }
    Console.WriteLine("verification:");
    Expect("instances", instances, n);
    Expect("instances completed", completed, n);
    Expect("step.resumed at the wait step (each timer fired once)", waitResumes, n);
    Expect("instances whose timer fired", waitResumedInstances, n);
    Expect("step.resumed at the waitForEvent step", pingResumes, n);
    Expect("step.resumed at the second waitForEvent step (batch events)", pongResumes, n);
    Expect("instances ended by the pong (not by timeout)", pinged, n);
    Expect("bookmarks left", bookmarksLeft, 0);
    Expect("events left unprocessed", unprocessed, 0);
    Expect("enrol/event failures", Interlocked.Read(ref failures), 0);
}

// ---- summary ----------------------------------------------------------------------------------------------------
result["enrolPerSecond"] = Math.Round(enrolRate, 1);
result["timerPerSecond"] = Math.Round(timerRate, 1);
result["timerOfferedPerSecond"] = Math.Round(resumed.Count / Math.Max(dueSpan, 0.001), 1);
result["eventPerSecond"] = Math.Round(eventRate, 1);
result["eventWarmup"] = warmedUp;
result["eventLatencyP50Ms"] = Math.Round(EventPct(50), 1);
result["eventLatencyP99Ms"] = Math.Round(EventPct(99), 1);
result["batchStoredPerSecond"] = Math.Round(storeRate, 1);
result["batchDeliveredPerSecond"] = Math.Round(deliveryRate, 1);
result["cpuMsPerBatchEvent"] = Math.Round(batchCpuMs, 3);
result["benchClientCpuSeconds"] = Math.Round(benchCpuMs / 1000, 1);
result["latenessP50Seconds"] = Math.Round(Pct(50), 3);
result["latenessP99Seconds"] = Math.Round(Pct(99), 3);
result["latenessMaxSeconds"] = Math.Round(late.LastOrDefault(), 3);
result["peakWorkingSetMB"] = Math.Round(peakMb, 0);
if (waitingMax > 0)
{
    result["waitingWorkingSetMB"] = Math.Round(waitingMb, 0);
    result["waitingWorkingSetLastMB"] = Math.Round(waitingLastMb, 0);
}
result["managedHeapMB"] = Math.Round(heapMb, 0);
result["gcHeapSizeMB"] = Math.Round(gcInfo.HeapSizeBytes / 1048576.0, 0);
result["ceilingCommitsPerSecond1"] = Math.Round(ceiling1, 0);
result["ceilingCommitsPerSecond4"] = Math.Round(ceiling4, 0);
result["enrolVsCeiling4"] = Math.Round(enrolRate / ceiling4, 3);
result["timerVsCeiling4"] = Math.Round(timerRate / ceiling4, 3);
result["eventVsCeiling4"] = Math.Round(eventRate / ceiling4, 3);
result["cpuMsPerEnrol"] = Math.Round(enrolCpuMs, 3);
result["cpuMsPerTimer"] = Math.Round(timerCpuMs, 3);
result["databaseCpuMsPerEnrol"] = enrolDbCpuMs;
result["databaseCpuMsPerTimer"] = timerDbCpuMs;
result["databaseCpuMsPerEvent"] = eventDbCpuMs;
result["databaseCpuMsPerBatchEvent"] = batchDbCpuMs;
result["cpuMsPerEvent"] = Math.Round(eventCpuMs, 3);
result["loadAverage1m"] = LoadAverage();
result["verified"] = problems.Count == 0;

Console.WriteLine();
Console.WriteLine($"| {options.Provider}, {(options.Http ? "over HTTP" : "in-process")} ({n} accounts, {Environment.ProcessorCount} cores) | value | vs 1-conn ceiling | vs 4-conn ceiling |");
Console.WriteLine("|---|---:|---:|---:|");
void Row(string name, double value, string unit, bool ratio = true) =>
    Console.WriteLine($"| {name} | {value:0.###} {unit} | {(ratio ? (value / ceiling1).ToString("0.00") : "")} | {(ratio ? (value / ceiling4).ToString("0.00") : "")} |");
Row("enrolments", Math.Round(enrolRate), "/s");
Row("timer resumptions", Math.Round(timerRate), "/s");
Row("event resumptions", Math.Round(eventRate), "/s");
Row("event latency p50 / p99", Math.Round(EventPct(50), 1), $"/ {EventPct(99):0.0} ms", false);
Row("batch events stored", Math.Round(storeRate), "/s");
Row("batch events delivered", Math.Round(deliveryRate), "/s");
Row("timer lateness p50", Math.Round(Pct(50), 3), "s", false);
Row("timer lateness p99", Math.Round(Pct(99), 3), "s", false);
Row("peak working set", Math.Round(peakMb), "MB", false);
if (waitingMax > 0) Row("working set, every instance waiting (most / last)", Math.Round(waitingMb), $"/ {waitingLastMb:0} MB", false);
Row("raw insert+commit, 1 connection", Math.Round(ceiling1), "/s");
Row("raw insert+commit, 4 connections", Math.Round(ceiling4), "/s");
Console.WriteLine($"| product process CPU per enrolment / timer / event / batch event | {enrolCpuMs:0.00} / {timerCpuMs:0.00} / {eventCpuMs:0.00} / {batchCpuMs:0.00} ms | | |");
if (timerDbCpuMs is not null)
    Console.WriteLine($"| database server CPU per enrolment / timer / event / batch event | {enrolDbCpuMs:0.00} / {timerDbCpuMs:0.00} / {eventDbCpuMs:0.00} / {batchDbCpuMs:0.00} ms | | |");
if (options.Http) Console.WriteLine($"| bench (HTTP client) process CPU, whole workload | {benchCpuMs / 1000:0.0} s | | |");
Console.WriteLine($"| load average (1 min) at the end | {LoadAverage():0.0} | | |");
Console.WriteLine();
Console.WriteLine("BENCH_RESULT " + result.ToJsonString(new JsonSerializerOptions { WriteIndented = false }));

return await TearDownAsync(problems);

async Task<int> TearDownAsync(List<string> found)
{
    await target.DisposeAsync();
    if (host is not null) await host.StopAsync();
    postgres?.Stop();
    if (sqliteFile is not null)
        foreach (var f in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" })
            try { File.Delete(f); } catch (IOException) { }
    Directory.Delete(workflowsDir, recursive: true);
    if (found.Count == 0) return 0;
    Console.Error.WriteLine("verification FAILED: " + string.Join("; ", found));
    return 1;
}

// Runs work over the items with several callers; with until, callers stop taking items once it holds. Returns how many were taken.
async Task<int> RunConcurrently(IReadOnlyList<string> items, int callers, Func<string, Task> work, Func<bool>? until = null)
{
    var next = -1;
    await Task.WhenAll(Enumerable.Range(0, callers).Select(_ => Task.Run(async () =>
    {
        int i;
        while (until?.Invoke() != true && (i = Interlocked.Increment(ref next)) < items.Count)
        {
            try
            {
                await work(items[i]);
            }
            catch (Exception e)
            {
                if (Interlocked.Increment(ref failures) <= 5) Console.Error.WriteLine($"failure: {e.GetType().Name}: {e.Message}");
            }
        }
    })));
    return Math.Min(next + 1, items.Count);
}

static double LoadAverage()
{
    try { return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture); }
    catch (Exception) { return double.NaN; }
}
