using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Csms;
using CsPlaybooks.Infrastructure.Health;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Success.Health;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Bench;

/// <summary>How much of the book <see cref="ScaleBook.SeedAsync"/> fills.</summary>
/// <param name="Accounts">accounts <c>scale-000001</c>…, named "Scale account 000001"…</param>
/// <param name="UsageAccounts">the first accounts that get three days of usage (so health is scored)</param>
/// <param name="Waiting">the first accounts enrolled in <see cref="ScaleBook.HoldPlaybook"/> (10 % held out), each waiting a year</param>
/// <param name="Parallel">concurrent batch callers (1 for SQLite: one writer)</param>
/// <param name="ReviewEvery">every Nth account runs <see cref="ScaleBook.ReviewPlaybook"/> (0: none)</param>
public sealed record ScaleBookSize(int Accounts, int UsageAccounts, int Waiting, int Parallel, int ReviewEvery = 20);

/// <summary>
/// A large, realistically spread book (setup for the reports bench and the 100,000-account e2e test), written through
/// the product's own batch paths: CSMs through <see cref="CsmService"/>, accounts through
/// <see cref="AccountWriter.CreateManyAsync"/> (history, indexed columns), usage through
/// <see cref="UsageService.RecordManyAsync"/> (health scored), and playbooks enrolled through
/// <see cref="WorkflowRuntime.EnrolManyAsync"/>: every 20th account (by default) runs <see cref="ReviewPlaybook"/> (a renewal reason
/// recorded, a task for its CSM). Spread: 3 tiers, 8 industries, 7 stages, 25 CSMs, contracts ending over the next
/// two years (some past), 0–2 tags, green / yellow / red usage.
/// </summary>
public static class ScaleBook
{
    public const string HoldPlaybook = "scale-hold";
    public const string ReviewPlaybook = "scale-review";
    public const int Csms = 25;
    public static readonly string[] Industries = ["catering", "tourism", "beauty", "retail", "education", "logistics", "health", "finance"];
    private static readonly string[] Stages = ["onboarding", "growth", "growth", "maturity", "maturity", "maturity", "at-risk", "renewal", "signing", "churned"];
    private static readonly string[] Causes = ["value-proven", "price", "new-champion", "expanded-usage"];
    private static readonly string[] Features = ["editor", "export", "api", "reports", "mobile", "sso", "workflows"];

    public static string Id(int i) => $"scale-{i:D6}";
    public static string Name(int i) => $"Scale account {i:D6}";
    public static string CsmId(int c) => $"scale-csm-{c:D2}";
    public static string Tier(int i) => i % 10 == 0 ? "KA" : i % 3 == 0 ? "micro" : "ordinary";

    public static JsonObject Document(int i, DateOnly today)
    {
        var end = today.AddDays(i % 800 - 60);
        var tags = new JsonArray();
        if (i % 4 == 0) tags.Add("emea");
        if (i % 7 == 0) tags.Add("pilot");
        return new JsonObject
        {
            ["name"] = Name(i), ["timeZone"] = "Europe/Berlin", ["tier"] = Tier(i), ["industry"] = Industries[i / 3 % Industries.Length],
            ["stage"] = Stages[i / 7 % Stages.Length], ["csmId"] = CsmId(i % Csms + 1), ["seats"] = 10 + i % 90, ["tags"] = tags,
            ["contract"] = new JsonObject { ["start"] = end.AddYears(-1).ToString("yyyy-MM-dd"), ["end"] = end.ToString("yyyy-MM-dd"), ["value"] = 1200 + i % 50 * 480, ["currency"] = "EUR" },
            ["renewalCause"] = Causes[i % Causes.Length],
        };
    }

    /// <summary>The document as a PUT would store it (checked, with its id).</summary>
    private static (string Id, JsonObject Document) Checked(int i, DateOnly today)
    {
        var (account, errors) = AccountDocument.Read(Id(i), Document(i, today));
        return account is null ? throw new InvalidOperationException(string.Join("; ", errors)) : (account.Id, account.Json);
    }

    /// <summary>Fills the book; returns the seconds each part took (accounts, usage, enrolments).</summary>
    public static async Task<JsonObject> SeedAsync(IServiceProvider services, ScaleBookSize size, Action<string> log, CancellationToken ct = default)
    {
        var today = DateOnly.FromDateTime(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        var timings = new JsonObject();
        var clock = Stopwatch.StartNew();
        var csms = services.GetRequiredService<CsmService>();
        for (var c = 1; c <= Csms; c++)
            await csms.SaveAsync(new CsmDraft(CsmId(c), $"Scale CSM {c:D2}", $"scale.csm{c}@example.com", null, c <= 5 ? "high" : "mid",
                size.Accounts / Csms + 500, [], [], c == 1), ct);

        var writer = services.GetRequiredService<AccountWriter>();
        await InBatchesAsync(size.Accounts, 2000, size.Parallel, async (from, to) =>
        {
            var existing = await writer.CreateManyAsync(Enumerable.Range(from, to - from).Select(i => Checked(i, today)).ToList(), "scale book", ct);
            if (existing.Count > 0) throw new InvalidOperationException($"{existing.Count} accounts existed already, e.g. {existing[0]}");
        });
        timings["accountsSeconds"] = Lap(clock, log, $"{size.Accounts} accounts");

        var usage = services.GetRequiredService<UsageService>();
        await InBatchesAsync(size.UsageAccounts, 1000, size.Parallel, async (from, to) =>
        {
            var missing = await usage.RecordManyAsync(Enumerable.Range(from, to - from).Select(i => new AccountUsage(Id(i), Usage(i, today))).ToList(), ct);
            if (missing.Count > 0) throw new InvalidOperationException($"usage: {missing.Count} unknown accounts");
        });
        timings["usageSeconds"] = Lap(clock, log, $"usage of {size.UsageAccounts} accounts");

        var playbooks = services.GetRequiredService<PlaybookService>();
        await PublishAsync(playbooks, ReviewJson, ct);
        await PublishAsync(playbooks, HoldJson, ct);
        var runtime = services.GetRequiredService<WorkflowRuntime>();
        var reviewed = size.ReviewEvery == 0 ? [] : Enumerable.Range(1, size.Accounts).Where(i => i % size.ReviewEvery == 0).ToList();
        await InBatchesAsync(reviewed.Count, 1000, size.Parallel, (from, to) => EnrolAsync(runtime, ReviewPlaybook, reviewed.GetRange(from - 1, to - from), ct));
        await InBatchesAsync(size.Waiting, 1000, size.Parallel, (from, to) => EnrolAsync(runtime, HoldPlaybook, Enumerable.Range(from, to - from).ToList(), ct));
        timings["enrolSeconds"] = Lap(clock, log, $"{reviewed.Count} reviews (a reason and a task each) and {size.Waiting} waiting enrolments");
        return timings;
    }

    /// <summary>Green (most seats active, many features, API), yellow (half the seats, few features) or red (almost nobody) by account.</summary>
    private static List<UsageFact> Usage(int i, DateOnly today)
    {
        var seats = 10 + i % 90;
        var (share, features, api) = (i % 7) switch { 0 or 1 or 2 => (0.9, 7, 200L), 3 or 4 => (0.5, 3, 0L), _ => (0.05, 1, 0L) };
        return Enumerable.Range(1, 3).Select(d => new UsageFact(today.AddDays(-d), (int)Math.Round(seats * share), seats * share * 0.6, seats * share * 0.4,
            Features[..features], api)).ToList();
    }

    private static async Task EnrolAsync(WorkflowRuntime runtime, string playbookId, IReadOnlyList<int> accounts, CancellationToken ct)
    {
        var results = await runtime.EnrolManyAsync(accounts.Select(i => new EnrolmentRequest(playbookId, Id(i), "scale book")).ToList(), ct);
        if (results.FirstOrDefault(r => r.Status is not (EnrolmentStatus.Started or EnrolmentStatus.Skipped)) is { } refused)
            throw new InvalidOperationException($"enrol in {playbookId}: {refused.Status} {refused.Message}");
    }

    private static async Task PublishAsync(PlaybookService playbooks, string json, CancellationToken ct)
    {
        var id = (string)JsonNode.Parse(json)!["id"]!;
        foreach (var r in new[] { await playbooks.CreateAsync(json, ct), await playbooks.PublishAsync(id, "scale book", "scale book", ct) })
            if (r.Status != PlaybookCommandStatus.Ok)
                throw new InvalidOperationException($"{id}: {r.Status} {r.Message} {string.Join("; ", r.Errors.Select(e => e.ToString()))}");
    }

    /// <summary>Items 1…count in slices of <paramref name="batch"/> (half-open [from, to)), <paramref name="parallel"/> at a time.</summary>
    private static async Task InBatchesAsync(int count, int batch, int parallel, Func<int, int, Task> work)
    {
        var next = 1 - batch;
        var end = 1 + count;
        await Task.WhenAll(Enumerable.Range(0, parallel).Select(_ => Task.Run(async () =>
        {
            int from;
            while ((from = Interlocked.Add(ref next, batch)) < end) await work(from, Math.Min(from + batch, end));
        })));
    }

    private static double Lap(Stopwatch clock, Action<string> log, string what)
    {
        var seconds = Math.Round(clock.Elapsed.TotalSeconds, 1);
        log($"seeded {what} in {seconds:0.0} s");
        clock.Restart();
        return seconds;
    }

    private const string ReviewJson = """
        {
          "id": "scale-review", "name": "Scale: renewal review", "version": 1,
          "steps": [
            { "id": "record", "type": "recordReason", "kind": "renewal", "cause": "account.renewalCause" },
            { "id": "call", "type": "createTask", "assignee": "csm", "due": "P7D", "title": "Renewal review with {{ account.name }}" },
            { "id": "done", "type": "end", "reason": "reviewed" }
          ],
          "connections": [ { "from": "record", "to": "call" }, { "from": "call", "to": "done" } ]
        }
        """;

    private const string HoldJson = """
        {
          "id": "scale-hold", "name": "Scale: wait a year", "version": 1, "enrolment": { "holdoutPercent": 10 },
          "steps": [
            { "id": "hold", "type": "waitForEvent", "event": "scale.never", "timeout": "P365D" },
            { "id": "done", "type": "end", "reason": "done" }
          ],
          "connections": [ { "from": "hold", "outcome": "received", "to": "done" }, { "from": "hold", "outcome": "timeout", "to": "done" } ]
        }
        """;
}
