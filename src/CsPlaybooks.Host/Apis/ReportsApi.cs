using System.Globalization;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Success.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// Read-only reports for the CS team (DOMAIN.md §5 core metrics, §6 reasons, §7 churn), computed in the database from the
/// accounts' indexed columns, their history, instances and journals. Every report takes the account filters (tier,
/// stage, industry, csmId, healthBand, tag) and <c>format=csv</c>. See docs/reports.md for the definitions.
/// </summary>
public static partial class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Read).ProducesProblem(400);
        group.MapGet("/reasons", Reasons).WithSummary("Renewal, non-renewal and churn reasons per month or quarter: counts per cause (?kind, by=month|quarter, playbookId, from, to, account filters, format=csv)");
        group.MapGet("/at-risk", AtRisk).WithSummary("Accounts in stage at-risk now, and a weekly trend from the stage history (?weeks, account filters, format=csv)");
        group.MapGet("/health", HealthDistribution).WithSummary("Red / yellow / green / unscored accounts from their current health, in total and per tier (?account filters, format=csv)");
        group.MapGet("/health/trend", HealthTrend).WithSummary("Accounts per health band in each health period (?periods, account filters, format=csv)");
        group.MapGet("/expansion", Expansion).WithSummary("Expansion opportunities handed to sales (changes of expansion.* fields) per month and kind (?playbookId, from, to, account filters, format=csv)");
        group.MapGet("/playbooks/{id}/funnel", Funnel).WithSummary("Per version: entered, reached each step, running, completed, cancelled, faulted (?account filters, format=csv)");
        group.MapGet("/playbooks/{id}/holdout", HoldoutComparison).WithSummary("Renewal rate and average health of holdout vs treated accounts (?account filters, format=csv)");
        group.MapGet("/filters", Filters).WithSummary("The industries and tags the account filters can choose from, with their accounts, most common first");
        group.MapGet("/nps", Nps).WithSummary("NPS per month and per tier from survey answers (?months, account filters, format=csv)");
        group.MapGet("/csm-load", CsmLoad).WithSummary("Each CSM's load (accounts) against capacity (?account filters narrow what counts, format=csv)");
        return app;
    }

    /// <summary>The account filters and the output format every report takes.</summary>
    private static (AccountFilter Filter, bool Csv) Common(ListQuery query, AccountFilterParameters accounts, string? format) =>
        (accounts.Read(query), query.OneOf("format", format, ["json", "csv"]) == "csv");

    private static string Period(DateTimeOffset at, string by) => by == "quarter"
        ? $"{at.Year}-Q{(at.Month - 1) / 3 + 1}"
        : at.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    /// <summary>
    /// History rows whose field is under <paramref name="prefix"/> (e.g. <c>reasons.</c>). SQLite's LIKE ignores case, so a
    /// prefix cannot use the (field, at) index there and the whole history was scanned (180 ms for the reasons report at
    /// 100,000 accounts); the same prefix as a range can. The range is added on SQLite only: PostgreSQL orders text by the
    /// database's collation, which need not keep a prefix's values together.
    /// </summary>
    private static IQueryable<Infrastructure.Persistence.Entities.AccountHistoryRecord> FieldsUnder(PlaybooksDbContext context, string prefix)
    {
        var rows = context.AccountHistory.AsNoTracking().Where(h => h.Field.StartsWith(prefix));
        if (context.Provider != DatabaseProvider.Sqlite) return rows;
        var after = prefix[..^1] + (char)(prefix[^1] + 1);
        return rows.Where(h => string.Compare(h.Field, prefix) >= 0 && string.Compare(h.Field, after) < 0);
    }

    private static (DateTimeOffset? From, DateTimeOffset? To) Range(ListQuery query, string? from, string? to)
    {
        DateTimeOffset? Parse(string name, string? s)
        {
            if (s is null) return null;
            if (DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t)) return t;
            query.Error(name, $"'{name}' must be an ISO-8601 date, e.g. 2026-01-01");
            return null;
        }
        return (Parse("from", from), Parse("to", to));
    }

    public sealed record CauseCount(string Kind, string Cause, int Count);

    public sealed record ReasonPeriod(string Period, IReadOnlyDictionary<string, int> Totals, IReadOnlyList<CauseCount> Causes);

    public sealed record ReasonsReport(string By, string? Kind, string? PlaybookId, int Total, IReadOnlyList<CauseCount> Causes, IReadOnlyList<ReasonPeriod> Periods);

    /// <summary>
    /// Every recorded reason (history of <c>reasons.KIND</c>) counts once, in the period of its <c>at</c>. The database
    /// selects the reason rows (index on field, at) of the filtered accounts; only those rows are read.
    /// </summary>
    private static async Task<Results<Ok<ReasonsReport>, ContentHttpResult, ProblemHttpResult>> Reasons(string? kind, string? by, string? playbookId, string? from, string? to,
        [AsParameters] AccountFilterParameters accounts, string? format, PlaybooksDb db, CancellationToken ct)
    {
        var check = new ListQuery();
        by = check.OneOf("by", by ?? "month", ["month", "quarter"]) ?? "month";
        check.OneOf("kind", kind, Lifecycle.ReasonKinds);
        var (f, t) = Range(check, from, to);
        var (filter, csv) = Common(check, accounts, format);
        if (check.Problem is { } problem) return problem;
        await using var context = db.Create();
        var query = FieldsUnder(context, "reasons.");
        if (kind is not null) query = query.Where(h => h.Field == "reasons." + kind);
        if (playbookId is not null) query = query.Where(h => context.Instances.Any(i => i.Id == h.InstanceId && i.PlaybookId == playbookId));
        if (!filter.IsEmpty) query = query.Where(h => filter.Ids(context).Contains(h.AccountId));
        var rows = await query.Select(h => new { h.At, h.Field, h.NewValue }).ToListAsync(ct);
        var reasons = rows
            .Select(r => (Value: r.NewValue is null ? null : JsonNode.Parse(r.NewValue) as JsonObject, r.At, Kind: r.Field["reasons.".Length..]))
            .Where(r => r.Value is not null && Lifecycle.ReasonKinds.Contains(r.Kind))
            .Select(r => (r.Kind, Cause: (string?)r.Value!["cause"] ?? "unknown", At: AccountColumns.ReasonTime(r.Value!) ?? r.At))
            .Where(r => (f is null || r.At >= f) && (t is null || r.At < t))
            .ToList();
        static List<CauseCount> Causes(IEnumerable<(string Kind, string Cause, DateTimeOffset At)> items) => items.GroupBy(r => (r.Kind, r.Cause))
            .OrderBy(c => c.Key.Kind, StringComparer.Ordinal).ThenByDescending(c => c.Count()).ThenBy(c => c.Key.Cause, StringComparer.Ordinal)
            .Select(c => new CauseCount(c.Key.Kind, c.Key.Cause, c.Count())).ToList();
        var periods = reasons.GroupBy(r => Period(r.At, by)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReasonPeriod(g.Key, g.GroupBy(r => r.Kind).ToDictionary(k => k.Key, k => k.Count()), Causes(g))).ToList();
        if (csv)
            return CsvText.Of(["period", "kind", "cause", "count"], periods.SelectMany(p => p.Causes.Select(c => new object?[] { p.Period, c.Kind, c.Cause, c.Count })));
        return TypedResults.Ok(new ReasonsReport(by, kind, playbookId, reasons.Count, Causes(reasons), periods));
    }

    public sealed record WeekCount(string WeekStart, int Count);

    public sealed record AtRiskReport(int Count, IReadOnlyList<string> Accounts, IReadOnlyList<WeekCount> Trend);

    private const string AtRiskJson = "\"at-risk\"";

    /// <summary>
    /// Now: accounts whose stage is at-risk (at most 500 ids listed). Trend: at the end of each of the last weeks
    /// (Monday–Sunday, UTC), the accounts at-risk then — entries into at-risk minus exits from it in the stage history up
    /// to that moment, counted in the database; the current week counts the accounts at-risk now.
    /// </summary>
    private static async Task<Results<Ok<AtRiskReport>, ContentHttpResult, ProblemHttpResult>> AtRisk(int? weeks, [AsParameters] AccountFilterParameters accounts,
        string? format, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        var check = new ListQuery();
        if (weeks is < 1 or > 104) check.Error("weeks", "'weeks' must be between 1 and 104");
        var (filter, csv) = Common(check, accounts, format);
        if (check.Problem is { } problem) return problem;
        await using var context = db.Create();
        var now = filter with { Stage = "at-risk" };
        var count = await now.Apply(context.Accounts, context).CountAsync(ct);
        var ids = await now.Apply(context.Accounts, context).OrderBy(a => a.Id).Select(a => a.Id).Take(500).ToListAsync(ct);

        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var span = weeks ?? 12;
        var firstStart = new DateTimeOffset(monday.AddDays(-7 * (span - 1)).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var moves = context.AccountHistory.AsNoTracking().Where(h => h.Field == "stage" && (h.NewValue == AtRiskJson || h.OldValue == AtRiskJson));
        if (!filter.IsEmpty) moves = moves.Where(h => filter.Ids(context).Contains(h.AccountId));
        var before = await moves.Where(h => h.At < firstStart)
            .SumAsync(h => h.NewValue == AtRiskJson ? (h.OldValue == AtRiskJson ? 0 : 1) : -1, ct);
        var recent = await moves.Where(h => h.At >= firstStart)
            .Select(h => new { h.At, Delta = h.NewValue == AtRiskJson ? (h.OldValue == AtRiskJson ? 0 : 1) : -1 }).ToListAsync(ct);
        var trend = new List<WeekCount>();
        for (var w = span - 1; w >= 0; w--)
        {
            var start = monday.AddDays(-7 * w);
            var end = new DateTimeOffset(start.AddDays(7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            // The current week ends now: the stored stage is its answer (history rows of one instant do not order).
            var atEnd = w == 0 ? count : before + recent.Where(r => r.At < end).Sum(r => r.Delta);
            trend.Add(new WeekCount(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), atEnd));
        }
        if (csv) return CsvText.Of(["weekStart", "atRisk"], trend.Select(w => new object?[] { w.WeekStart, w.Count }));
        return TypedResults.Ok(new AtRiskReport(count, ids, trend));
    }

    public sealed record BandCounts(int Total, int Red, int Yellow, int Green, int Unscored);

    public sealed record HealthReport(int Total, int Red, int Yellow, int Green, int Unscored, IReadOnlyDictionary<string, BandCounts> ByTier);

    /// <summary>Accounts per tier and health band, counted in the database (GROUP BY on the indexed columns).</summary>
    private static async Task<Results<Ok<HealthReport>, ContentHttpResult, ProblemHttpResult>> HealthDistribution([AsParameters] AccountFilterParameters accounts,
        string? format, PlaybooksDb db, CancellationToken ct)
    {
        var check = new ListQuery();
        var (filter, csv) = Common(check, accounts, format);
        if (check.Problem is { } problem) return problem;
        await using var context = db.Create();
        var cells = await filter.Apply(context.Accounts, context).GroupBy(a => new { a.Tier, a.HealthBand })
            .Select(g => new { g.Key.Tier, g.Key.HealthBand, Count = g.Count() }).ToListAsync(ct);
        static BandCounts Bands(IEnumerable<(string? Band, int Count)> cells)
        {
            var list = cells.ToList();
            int Of(string band) => list.Where(c => c.Band == band).Sum(c => c.Count);
            return new(list.Sum(c => c.Count), Of("red"), Of("yellow"), Of("green"), list.Where(c => c.Band is not ("red" or "yellow" or "green")).Sum(c => c.Count));
        }
        var total = Bands(cells.Select(c => (c.HealthBand, c.Count)));
        var byTier = cells.GroupBy(c => c.Tier ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Bands(g.Select(c => (c.HealthBand, c.Count))));
        if (csv)
            return CsvText.Of(["tier", "total", "red", "yellow", "green", "unscored"],
                byTier.Select(t => (t.Key, t.Value)).Append(("all", total)).Select(t => new object?[] { t.Item1, t.Item2.Total, t.Item2.Red, t.Item2.Yellow, t.Item2.Green, t.Item2.Unscored }));
        return TypedResults.Ok(new HealthReport(total.Total, total.Red, total.Yellow, total.Green, total.Unscored, byTier));
    }

    public sealed record HealthTrendPeriod(string PeriodStart, int Red, int Yellow, int Green, double? AverageScore);

    public sealed record HealthTrendReport(IReadOnlyList<HealthTrendPeriod> Periods);

    /// <summary>The health record (DOMAIN.md §5) per period: accounts scored red / yellow / green in each of the latest periods, and their mean score.</summary>
    private static async Task<Results<Ok<HealthTrendReport>, ContentHttpResult, ProblemHttpResult>> HealthTrend(int? periods, [AsParameters] AccountFilterParameters accounts,
        string? format, PlaybooksDb db, CancellationToken ct)
    {
        var check = new ListQuery();
        if (periods is < 1 or > 104) check.Error("periods", "'periods' must be between 1 and 104");
        var (filter, csv) = Common(check, accounts, format);
        if (check.Problem is { } problem) return problem;
        await using var context = db.Create();
        var history = context.HealthHistory.AsNoTracking();
        if (!filter.IsEmpty) history = history.Where(h => filter.Ids(context).Contains(h.AccountId));
        var starts = await history.Select(h => h.PeriodStart).Distinct().OrderByDescending(p => p).Take(periods ?? 12).ToListAsync(ct);
        var first = starts.Count == 0 ? DateOnly.MaxValue : starts.Min();
        var cells = await history.Where(h => h.PeriodStart >= first).GroupBy(h => new { h.PeriodStart, h.Band })
            .Select(g => new { g.Key.PeriodStart, g.Key.Band, Count = g.Count(), Sum = g.Sum(h => (long)h.Score) }).ToListAsync(ct);
        var result = cells.GroupBy(c => c.PeriodStart).OrderBy(g => g.Key).Select(g =>
        {
            int Of(string band) => g.Where(c => c.Band == band).Sum(c => c.Count);
            var n = g.Sum(c => c.Count);
            return new HealthTrendPeriod(g.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), Of("red"), Of("yellow"), Of("green"),
                n == 0 ? null : Math.Round((double)g.Sum(c => c.Sum) / n, 2));
        }).ToList();
        if (csv) return CsvText.Of(["periodStart", "red", "yellow", "green", "averageScore"], result.Select(p => new object?[] { p.PeriodStart, p.Red, p.Yellow, p.Green, p.AverageScore }));
        return TypedResults.Ok(new HealthTrendReport(result));
    }
}
