using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Success.Accounts;

namespace CsPlaybooks.Success.Simulation;

/// <summary>What a forecast runs: the playbooks with the candidate version, the same with the published one, from when, for how long.</summary>
/// <param name="Candidate">Every playbook of the run with the candidate (draft or chosen version) in place of the published one.</param>
/// <param name="Baseline">Every published playbook as it is (the forecast playbook absent if it was never published).</param>
/// <param name="TaskCapacityPerWeek">Tasks a CSM can take in a week; more is "over capacity".</param>
/// <param name="Csms">CSM id → name, for naming the overloaded.</param>
public sealed record ForecastPlan(
    string PlaybookId, IReadOnlyList<CompiledPlaybook> Candidate, IReadOnlyList<CompiledPlaybook> Baseline,
    DateTimeOffset Start, int Weeks, string SweepCron, int TaskCapacityPerWeek, IReadOnlyDictionary<string, string> Csms, string? LeadCsmId)
{
    public DateTimeOffset Until => Start.AddDays(7 * Weeks);
}

/// <summary>
/// The what-if forecast: every account simulated from its stored state through the whole lifecycle twice — with the
/// candidate version and with the published one — on the virtual clock, accounts in parallel, with compiled playbooks
/// shared and nothing read or written per simulated step. Counts per week what production would do after governance.
/// </summary>
public sealed class BookForecast(PlaybookSimulator simulator, SimulationWorlds worlds)
{
    public ForecastCounts Run(ForecastPlan plan, IReadOnlyList<AccountDocument> accounts, Action<int>? progress, CancellationToken ct)
    {
        var total = new ForecastCounts(plan.Weeks);
        var gate = new object();
        var done = 0;
        Parallel.ForEach(accounts, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = Environment.ProcessorCount },
            () => new ForecastCounts(plan.Weeks),
            (account, _, local) =>
            {
                Count(local.Candidate, plan, Simulate(plan, plan.Candidate, account));
                if (plan.Baseline.Count > 0) Count(local.Baseline, plan, Simulate(plan, plan.Baseline, account));
                var finished = Interlocked.Increment(ref done);
                if (finished % 100 == 0 || finished == accounts.Count) progress?.Invoke(finished);
                return local;
            },
            local => { lock (gate) total.Add(local); });
        return total;
    }

    private SimulationResult Simulate(ForecastPlan plan, IReadOnlyList<CompiledPlaybook> playbooks, AccountDocument account)
    {
        var context = new InstanceContext(Guid.Empty, account.Id, account.Zone, plan.Start, Engine.Expressions.TemplateModel.ForAccount(account.Json));
        return simulator.Run(new SimulationRequest(playbooks[0], context, plan.Start, plan.Until, [])
        {
            Account = account.Json, Together = playbooks.Skip(1).ToList(), Deliver = true, SweepCron = plan.SweepCron,
            World = worlds.Create([], plan.LeadCsmId),
        });
    }

    private static void Count(WeeklyCounts[] weeks, ForecastPlan plan, SimulationResult result)
    {
        foreach (var entry in result.Timeline)
        {
            var week = (int)((entry.At - plan.Start).TotalDays / 7);
            if (week < 0 || week >= weeks.Length) continue;
            var counts = weeks[week];
            switch (entry.Type)
            {
                case SimulationKinds.Enrolled:
                    counts.Increment(counts.Enrolments, entry.Playbook ?? "");
                    break;
                case SuccessSimulationWorld.EmailSent or SuccessSimulationWorld.EmailDeferred or SuccessSimulationWorld.EmailSuppressed:
                    var template = (string?)entry.Detail?["template"] ?? "";
                    if (!counts.Emails.TryGetValue(template, out var email)) counts.Emails[template] = email = new EmailCounts();
                    email.Add(entry.Type);
                    break;
                case SuccessSimulationWorld.TaskCreated:
                    counts.Increment(counts.TasksByRole, (string?)entry.Detail?["assignee"] ?? "");
                    if ((string?)entry.Detail?["csmId"] is { } csm) counts.Increment(counts.TasksByCsm, csm);
                    break;
                case SuccessSimulationWorld.NotificationCreated:
                    counts.Increment(counts.Notifications, (string?)entry.Detail?["assignee"] ?? "");
                    break;
            }
        }
    }
}

/// <summary>Per-week counts of one forecast: with the candidate and with the published version.</summary>
public sealed class ForecastCounts(int weeks)
{
    public WeeklyCounts[] Candidate { get; } = Enumerable.Range(0, weeks).Select(_ => new WeeklyCounts()).ToArray();
    public WeeklyCounts[] Baseline { get; } = Enumerable.Range(0, weeks).Select(_ => new WeeklyCounts()).ToArray();

    public void Add(ForecastCounts other)
    {
        for (var i = 0; i < Candidate.Length; i++)
        {
            Candidate[i].Add(other.Candidate[i]);
            Baseline[i].Add(other.Baseline[i]);
        }
    }
}

public sealed class WeeklyCounts
{
    public SortedDictionary<string, int> Enrolments { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, EmailCounts> Emails { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> TasksByRole { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> TasksByCsm { get; } = new(StringComparer.Ordinal);
    public SortedDictionary<string, int> Notifications { get; } = new(StringComparer.Ordinal);

    public int EmailsSent => Emails.Values.Sum(e => e.Sent);
    public int Tasks => TasksByRole.Values.Sum();

    public void Increment(SortedDictionary<string, int> counts, string key, int by = 1) => counts[key] = counts.GetValueOrDefault(key) + by;

    public void Add(WeeklyCounts other)
    {
        foreach (var (k, v) in other.Enrolments) Increment(Enrolments, k, v);
        foreach (var (k, v) in other.TasksByRole) Increment(TasksByRole, k, v);
        foreach (var (k, v) in other.TasksByCsm) Increment(TasksByCsm, k, v);
        foreach (var (k, v) in other.Notifications) Increment(Notifications, k, v);
        foreach (var (k, v) in other.Emails)
        {
            if (!Emails.TryGetValue(k, out var mine)) Emails[k] = mine = new EmailCounts();
            mine.Sent += v.Sent;
            mine.Deferred += v.Deferred;
            mine.Suppressed += v.Suppressed;
        }
    }

    public JsonObject ToJson() => new()
    {
        ["enrolments"] = Map(Enrolments),
        ["emails"] = new JsonObject(Emails.Select(e => KeyValuePair.Create(e.Key, (JsonNode?)new JsonObject
            { ["sent"] = e.Value.Sent, ["deferred"] = e.Value.Deferred, ["suppressed"] = e.Value.Suppressed }))),
        ["emailsSent"] = EmailsSent,
        ["tasks"] = Tasks,
        ["tasksByRole"] = Map(TasksByRole),
        ["tasksByCsm"] = Map(TasksByCsm),
        ["notifications"] = Map(Notifications),
    };

    private static JsonObject Map(SortedDictionary<string, int> counts) => new(counts.Select(c => KeyValuePair.Create(c.Key, (JsonNode?)c.Value)));
}

public sealed class EmailCounts
{
    public int Sent { get; set; }
    public int Deferred { get; set; }
    public int Suppressed { get; set; }

    public void Add(string type)
    {
        if (type == SuccessSimulationWorld.EmailSent) Sent++;
        else if (type == SuccessSimulationWorld.EmailDeferred) Deferred++;
        else Suppressed++;
    }
}
