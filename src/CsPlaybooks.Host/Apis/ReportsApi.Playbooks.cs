using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

public static partial class ReportsApi
{
    public sealed record Opportunity(string AccountId, string Kind, DateTimeOffset At, string Source, JsonNode? Value);

    public sealed record ExpansionMonth(string Period, int Count, IReadOnlyDictionary<string, int> ByKind);

    public sealed record ExpansionReport(int Count, int Accounts, IReadOnlyDictionary<string, int> ByKind, IReadOnlyList<ExpansionMonth> ByMonth, IReadOnlyList<Opportunity> Recent);

    /// <summary>
    /// An expansion opportunity handed to sales is a change that sets a field under <c>expansion.</c> (e.g. a playbook's
    /// <c>setField expansion.upsell</c>). Sales tasks are not counted: the shipped playbooks also send sales tasks that are
    /// no opportunity (an incomplete handover packet).
    /// </summary>
    private static async Task<Results<Ok<ExpansionReport>, ContentHttpResult, ProblemHttpResult>> Expansion(string? playbookId, string? from, string? to,
        [AsParameters] AccountFilterParameters accounts, string? format, PlaybooksDb db, CancellationToken ct)
    {
        var check = new ListQuery();
        var (f, t) = Range(check, from, to);
        var (filter, csv) = Common(check, accounts, format);
        if (check.Problem is { } problem) return problem;
        await using var context = db.Create();
        var query = FieldsUnder(context, "expansion.").Where(h => h.NewValue != null && h.NewValue != "null");
        if (playbookId is not null) query = query.Where(h => context.Instances.Any(i => i.Id == h.InstanceId && i.PlaybookId == playbookId));
        if (!filter.IsEmpty) query = query.Where(h => filter.Ids(context).Contains(h.AccountId));
        if (f is not null) query = query.Where(h => h.At >= f);
        if (t is not null) query = query.Where(h => h.At < t);
        var rows = await query.Select(h => new { h.AccountId, h.Field, h.At, h.Source, h.NewValue }).ToListAsync(ct);
        var opportunities = rows
            .Select(r => new Opportunity(r.AccountId, r.Field["expansion.".Length..].Split('.')[0], r.At, r.Source, JsonNode.Parse(r.NewValue!)))
            .OrderByDescending(o => o.At).ToList();
        var byMonth = opportunities.GroupBy(o => Period(o.At, "month")).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ExpansionMonth(g.Key, g.Count(), g.GroupBy(o => o.Kind).ToDictionary(k => k.Key, k => k.Count()))).ToList();
        if (csv)
            return CsvText.Of(["period", "kind", "count"], byMonth.SelectMany(m => m.ByKind.OrderBy(k => k.Key, StringComparer.Ordinal).Select(k => new object?[] { m.Period, k.Key, k.Value })));
        return TypedResults.Ok(new ExpansionReport(opportunities.Count, opportunities.Select(o => o.AccountId).Distinct().Count(),
            opportunities.GroupBy(o => o.Kind).ToDictionary(k => k.Key, k => k.Count()), byMonth, opportunities.Take(100).ToList()));
    }

    public sealed record StepReach(string StepId, int Instances);

    public sealed record VersionFunnel(int Version, int Entered, int Running, int Completed, int Cancelled, int Faulted, int Holdout, IReadOnlyList<StepReach> Steps);

    public sealed record FunnelReport(string PlaybookId, int Entered, int Running, int Completed, int Cancelled, int Faulted, IReadOnlyList<VersionFunnel> Versions);

    /// <summary>Per version: instances entered, how many reached each step (have a journal entry for it), and their status now — all counted in the database.</summary>
    private static async Task<Results<Ok<FunnelReport>, ContentHttpResult, ProblemHttpResult>> Funnel(string id, [AsParameters] AccountFilterParameters accounts,
        string? format, PlaybooksDb db, CancellationToken ct)
    {
        var check = new ListQuery();
        var (filter, csv) = Common(check, accounts, format);
        if (check.Problem is { } problem) return problem;
        await using var context = db.Create();
        if (!await context.Playbooks.AnyAsync(p => p.Id == id, ct)) return Problems.NotFound($"no playbook '{id}'");
        var instances = context.Instances.AsNoTracking().Where(i => i.PlaybookId == id);
        if (!filter.IsEmpty) instances = instances.Where(i => filter.Ids(context).Contains(i.AccountId));
        var statuses = await instances.GroupBy(i => new { i.Version, i.Status, i.Holdout })
            .Select(g => new { g.Key.Version, g.Key.Status, g.Key.Holdout, Count = g.Count() }).ToListAsync(ct);
        var reached = await context.Journal.AsNoTracking().Where(j => j.StepId != null)
            .Join(instances, j => j.InstanceId, i => i.Id, (j, i) => new { i.Version, j.StepId, j.InstanceId })
            .Distinct().GroupBy(r => new { r.Version, r.StepId }).Select(g => new { g.Key.Version, g.Key.StepId, Count = g.Count() }).ToListAsync(ct);
        var definitions = await context.PlaybookVersions.AsNoTracking().Where(v => v.PlaybookId == id).Select(v => new { v.Version, v.Json }).ToListAsync(ct);
        var versions = definitions.OrderBy(v => v.Version).Select(v =>
        {
            var order = (JsonNode.Parse(v.Json)?["steps"] as JsonArray ?? []).Select(s => (string?)s?["id"]).OfType<string>().ToList();
            var counts = reached.Where(r => r.Version == v.Version).ToDictionary(r => r.StepId!, r => r.Count);
            var steps = order.Select(s => new StepReach(s, counts.GetValueOrDefault(s)))
                .Concat(counts.Keys.Except(order).Order(StringComparer.Ordinal).Select(s => new StepReach(s, counts[s]))).ToList();
            var mine = statuses.Where(s => s.Version == v.Version).ToList();
            int Count(string status) => mine.Where(s => s.Status == status).Sum(s => s.Count);
            return new VersionFunnel(v.Version, mine.Sum(s => s.Count), Count("running"), Count("completed"), Count("cancelled"), Count("faulted"),
                mine.Where(s => s.Holdout).Sum(s => s.Count), steps);
        }).ToList();
        if (csv)
            return CsvText.Of(["version", "stepId", "instances"], versions.SelectMany(v => v.Steps.Select(s => new object?[] { v.Version, s.StepId, s.Instances })));
        return TypedResults.Ok(new FunnelReport(id, versions.Sum(v => v.Entered), versions.Sum(v => v.Running), versions.Sum(v => v.Completed),
            versions.Sum(v => v.Cancelled), versions.Sum(v => v.Faulted), versions));
    }

    public sealed record GroupOutcome(int Accounts, int Renewed, int NotRenewed, double? RenewalRate, int Scored, double? AverageHealth);

    public sealed record HoldoutReport(string PlaybookId, int HoldoutPercent, GroupOutcome Holdout, GroupOutcome Treated);

    /// <summary>
    /// Accounts the playbook enrolled, split by the holdout flag of their latest instance. Renewal rate: accounts whose latest
    /// renewal-or-non-renewal reason is a renewal (the <c>renewed</c> column), over those with either. Health: the mean of
    /// current scores. Grouped and counted in the database.
    /// </summary>
    private static async Task<Results<Ok<HoldoutReport>, ContentHttpResult, ProblemHttpResult>> HoldoutComparison(string id, [AsParameters] AccountFilterParameters accounts,
        string? format, PlaybooksDb db, CancellationToken ct)
    {
        var check = new ListQuery();
        var (filter, csv) = Common(check, accounts, format);
        if (check.Problem is { } problem) return problem;
        await using var context = db.Create();
        if (!await context.Playbooks.AnyAsync(p => p.Id == id, ct)) return Problems.NotFound($"no playbook '{id}'");
        var latest = context.Instances.AsNoTracking().Where(i => i.PlaybookId == id
            && !context.Instances.Any(n => n.PlaybookId == id && n.AccountId == i.AccountId && n.CreatedAt > i.CreatedAt));
        var groups = await latest.Join(filter.Apply(context.Accounts, context), i => i.AccountId, a => a.Id, (i, a) => new { i.Holdout, a.Id, a.Renewed, a.HealthScore })
            .GroupBy(x => x.Holdout)
            .Select(g => new
            {
                Holdout = g.Key, Accounts = g.Select(x => x.Id).Distinct().Count(),
                Renewed = g.Count(x => x.Renewed == true), NotRenewed = g.Count(x => x.Renewed == false),
                Scored = g.Count(x => x.HealthScore != null), Average = g.Average(x => (double?)x.HealthScore),
            }).ToListAsync(ct);
        GroupOutcome Outcome(bool holdout)
        {
            var g = groups.FirstOrDefault(x => x.Holdout == holdout);
            if (g is null) return new(0, 0, 0, null, 0, null);
            var decided = g.Renewed + g.NotRenewed;
            return new(g.Accounts, g.Renewed, g.NotRenewed, decided == 0 ? null : Math.Round((double)g.Renewed / decided, 4), g.Scored,
                g.Average is { } avg ? Math.Round(avg, 2) : null);
        }
        var holdoutPercent = await context.PlaybookVersions.AsNoTracking().Where(v => v.PlaybookId == id).OrderByDescending(v => v.Version)
            .Select(v => v.Json).FirstOrDefaultAsync(ct) is { } json ? (int?)JsonNode.Parse(json)?["enrolment"]?["holdoutPercent"] : null;
        var report = new HoldoutReport(id, holdoutPercent ?? 0, Outcome(true), Outcome(false));
        if (csv)
            return CsvText.Of(["group", "accounts", "renewed", "notRenewed", "renewalRate", "scored", "averageHealth"],
                new[] { ("holdout", report.Holdout), ("treated", report.Treated) }.Select(g => new object?[] { g.Item1, g.Item2.Accounts, g.Item2.Renewed, g.Item2.NotRenewed, g.Item2.RenewalRate, g.Item2.Scored, g.Item2.AverageHealth }));
        return TypedResults.Ok(report);
    }
}
