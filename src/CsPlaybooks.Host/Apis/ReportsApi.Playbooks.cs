using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

public static partial class ReportsApi
{
    private sealed record Opportunity(string AccountId, string Kind, DateTimeOffset At, string Source, JsonNode? Value);

    /// <summary>
    /// An expansion opportunity handed to sales is a change that sets a field under <c>expansion.</c> (e.g. a playbook's
    /// <c>setField expansion.upsell</c>). Sales tasks are not counted: the shipped playbooks also send sales tasks that are
    /// no opportunity (an incomplete handover packet).
    /// </summary>
    private static async Task<IResult> Expansion(string? playbookId, string? tier, string? tag, string? from, string? to, PlaybooksDb db, CancellationToken ct)
    {
        var (f, t, problem) = Range(from, to);
        if (problem is not null) return problem;
        await using var context = db.Create();
        var query = context.AccountHistory.AsNoTracking().Where(h => h.Field.StartsWith("expansion.") && h.NewValue != null && h.NewValue != "null");
        if (playbookId is not null)
            query = query.Where(h => context.Instances.Any(i => i.Id == h.InstanceId && i.PlaybookId == playbookId));
        var rows = await query.Select(h => new { h.AccountId, h.Field, h.At, h.Source, h.NewValue }).ToListAsync(ct);
        HashSet<string>? ids = tier is null && tag is null ? null : (await AccountsAsync(context, tier, tag, ct)).Select(a => a.Id).ToHashSet();
        var opportunities = rows
            .Where(r => (ids is null || ids.Contains(r.AccountId)) && (f is null || r.At >= f) && (t is null || r.At < t))
            .Select(r => new Opportunity(r.AccountId, r.Field["expansion.".Length..].Split('.')[0], r.At, r.Source, JsonNode.Parse(r.NewValue!)))
            .OrderByDescending(o => o.At).ToList();
        var byMonth = opportunities.GroupBy(o => Period(o.At, "month")).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new { period = g.Key, count = g.Count(), byKind = g.GroupBy(o => o.Kind).ToDictionary(k => k.Key, k => k.Count()) });
        return Results.Ok(new
        {
            count = opportunities.Count,
            accounts = opportunities.Select(o => o.AccountId).Distinct().Count(),
            byKind = opportunities.GroupBy(o => o.Kind).ToDictionary(k => k.Key, k => k.Count()),
            byMonth,
            recent = opportunities.Take(100),
        });
    }

    private sealed record StepReach(string StepId, int Instances);

    private sealed record VersionFunnel(int Version, int Entered, int Running, int Completed, int Cancelled, int Faulted, int Holdout, IReadOnlyList<StepReach> Steps);

    /// <summary>Per version: instances entered, how many reached each step (have a journal entry for it), and their status now.</summary>
    private static async Task<IResult> Funnel(string id, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        if (!await context.Playbooks.AnyAsync(p => p.Id == id, ct)) return Problems.NotFound($"no playbook '{id}'");
        var statuses = await context.Instances.AsNoTracking().Where(i => i.PlaybookId == id)
            .GroupBy(i => new { i.Version, i.Status, i.Holdout }).Select(g => new { g.Key.Version, g.Key.Status, g.Key.Holdout, Count = g.Count() }).ToListAsync(ct);
        var reached = await context.Journal.AsNoTracking().Where(j => j.StepId != null)
            .Join(context.Instances.Where(i => i.PlaybookId == id), j => j.InstanceId, i => i.Id, (j, i) => new { i.Version, j.StepId, j.InstanceId })
            .Distinct().ToListAsync(ct);
        var definitions = await context.PlaybookVersions.AsNoTracking().Where(v => v.PlaybookId == id).Select(v => new { v.Version, v.Json }).ToListAsync(ct);
        var versions = definitions.OrderBy(v => v.Version).Select(v =>
        {
            var order = (JsonNode.Parse(v.Json)?["steps"] as JsonArray ?? []).Select(s => (string?)s?["id"]).OfType<string>().ToList();
            var counts = reached.Where(r => r.Version == v.Version).GroupBy(r => r.StepId!).ToDictionary(g => g.Key, g => g.Count());
            var steps = order.Select(s => new StepReach(s, counts.GetValueOrDefault(s)))
                .Concat(counts.Keys.Except(order).Order(StringComparer.Ordinal).Select(s => new StepReach(s, counts[s]))).ToList();
            var mine = statuses.Where(s => s.Version == v.Version).ToList();
            int Count(string status) => mine.Where(s => s.Status == status).Sum(s => s.Count);
            return new VersionFunnel(v.Version, mine.Sum(s => s.Count), Count("running"), Count("completed"), Count("cancelled"), Count("faulted"),
                mine.Where(s => s.Holdout).Sum(s => s.Count), steps);
        }).ToList();
        return Results.Ok(new
        {
            playbookId = id,
            entered = versions.Sum(v => v.Entered), running = versions.Sum(v => v.Running), completed = versions.Sum(v => v.Completed),
            cancelled = versions.Sum(v => v.Cancelled), faulted = versions.Sum(v => v.Faulted),
            versions,
        });
    }

    private sealed record GroupOutcome(int Accounts, int Renewed, int NotRenewed, double? RenewalRate, int Scored, double? AverageHealth);

    /// <summary>
    /// Accounts the playbook enrolled, split by the holdout flag of their latest instance. Renewal rate: accounts whose latest
    /// renewal-or-non-renewal reason is a renewal, over those with either. Health: the mean of current scores.
    /// </summary>
    private static async Task<IResult> HoldoutComparison(string id, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        if (!await context.Playbooks.AnyAsync(p => p.Id == id, ct)) return Problems.NotFound($"no playbook '{id}'");
        var instances = await context.Instances.AsNoTracking().Where(i => i.PlaybookId == id)
            .Select(i => new { i.AccountId, i.Holdout, i.CreatedAt, i.Id }).ToListAsync(ct);
        var groups = instances.GroupBy(i => i.AccountId).ToDictionary(g => g.Key, g => g.OrderBy(i => i.CreatedAt).ThenBy(i => i.Id).Last().Holdout);
        var accountIds = groups.Keys.ToList();
        var documents = (await context.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).Select(a => new { a.Id, a.Json }).ToListAsync(ct))
            .ToDictionary(a => a.Id, a => JsonNode.Parse(a.Json)!.AsObject());

        GroupOutcome Outcome(bool holdout)
        {
            var members = groups.Where(g => g.Value == holdout).Select(g => documents.GetValueOrDefault(g.Key)).OfType<JsonObject>().ToList();
            var outcomes = members.Select(Renewal).Where(r => r is not null).ToList();
            var renewed = outcomes.Count(r => r == true);
            var scores = members.Select(m => m["health"]?["score"] is JsonValue v && v.TryGetValue<double>(out var s) ? s : (double?)null).OfType<double>().ToList();
            return new GroupOutcome(members.Count, renewed, outcomes.Count - renewed,
                outcomes.Count == 0 ? null : Math.Round((double)renewed / outcomes.Count, 4), scores.Count,
                scores.Count == 0 ? null : Math.Round(scores.Average(), 2));
        }

        var holdoutPercent = await context.PlaybookVersions.AsNoTracking().Where(v => v.PlaybookId == id).OrderByDescending(v => v.Version)
            .Select(v => v.Json).FirstOrDefaultAsync(ct) is { } json ? (int?)JsonNode.Parse(json)?["enrolment"]?["holdoutPercent"] : null;
        return Results.Ok(new { playbookId = id, holdoutPercent = holdoutPercent ?? 0, holdout = Outcome(true), treated = Outcome(false) });
    }

    /// <summary>true: the latest of reasons.renewal / reasons.non-renewal is a renewal; false: a non-renewal; null: neither.</summary>
    private static bool? Renewal(JsonObject account)
    {
        var renewal = account["reasons"]?["renewal"] as JsonObject;
        var nonRenewal = account["reasons"]?["non-renewal"] as JsonObject;
        if (renewal is null) return nonRenewal is null ? null : false;
        if (nonRenewal is null) return true;
        return (ReasonTime(renewal) ?? DateTimeOffset.MinValue) >= (ReasonTime(nonRenewal) ?? DateTimeOffset.MinValue);
    }
}
