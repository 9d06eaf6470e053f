using System.Globalization;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Success.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// Read-only reports for the CS team (DOMAIN.md §5 core metrics, §6 reasons, §7 churn), computed from accounts, their
/// history, instances and journals. See docs/reports.md for the definitions.
/// </summary>
public static partial class ReportsApi
{
    public static IEndpointRouteBuilder MapReportsApi(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/reports").WithTags("Reports").RequireAuthorization(Policies.Read);
        group.MapGet("/reasons", Reasons).WithSummary("Renewal, non-renewal and churn reasons per month or quarter: counts per cause (?kind, by=month|quarter, playbookId, from, to)");
        group.MapGet("/at-risk", AtRisk).WithSummary("Accounts in stage at-risk now, and a weekly trend from the stage history (?tier, tag, weeks)");
        group.MapGet("/health", HealthDistribution).WithSummary("Red / yellow / green / unscored accounts from their current health, in total and per tier (?tier, tag)");
        group.MapGet("/expansion", Expansion).WithSummary("Expansion opportunities handed to sales (changes of expansion.* fields) per month and kind (?playbookId, tag, from, to)");
        group.MapGet("/playbooks/{id}/funnel", Funnel).WithSummary("Per version: entered, reached each step, running, completed, cancelled, faulted");
        group.MapGet("/playbooks/{id}/holdout", HoldoutComparison).WithSummary("Renewal rate and average health of holdout vs treated accounts");
        return app;
    }

    /// <summary>Accounts by their current document, narrowed by tier and by a tag in the account's <c>tags</c> list.</summary>
    private static async Task<List<(string Id, JsonObject Json)>> AccountsAsync(PlaybooksDbContext context, string? tier, string? tag, CancellationToken ct)
    {
        var rows = await context.Accounts.AsNoTracking().Select(a => new { a.Id, a.Json }).ToListAsync(ct);
        return rows.Select(r => (r.Id, JsonNode.Parse(r.Json)!.AsObject()))
            .Where(a => tier is null || (string?)a.Item2["tier"] == tier)
            .Where(a => tag is null || a.Item2["tags"] is JsonArray tags && tags.Any(t => t is JsonValue v && v.TryGetValue<string>(out var s) && s == tag))
            .ToList();
    }

    private static string Period(DateTimeOffset at, string by) => by == "quarter"
        ? $"{at.Year}-Q{(at.Month - 1) / 3 + 1}"
        : at.ToString("yyyy-MM", CultureInfo.InvariantCulture);

    private static (DateTimeOffset? From, DateTimeOffset? To, IResult? Problem) Range(string? from, string? to)
    {
        DateTimeOffset? Parse(string? s) => s is not null && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;
        var f = Parse(from);
        var t = Parse(to);
        if (from is not null && f is null || to is not null && t is null)
            return (null, null, Problems.Invalid("The report filter is invalid", [(f is null && from is not null ? "from" : "to", "must be an ISO-8601 date, e.g. 2026-01-01")]));
        return (f, t, null);
    }

    private sealed record CauseCount(string Kind, string Cause, int Count);

    private sealed record ReasonPeriod(string Period, IReadOnlyDictionary<string, int> Totals, IReadOnlyList<CauseCount> Causes);

    /// <summary>Every recorded reason (history of <c>reasons.KIND</c>) counts once, in the period of its <c>at</c>.</summary>
    private static async Task<IResult> Reasons(string? kind, string? by, string? playbookId, string? from, string? to, PlaybooksDb db, CancellationToken ct)
    {
        by ??= "month";
        if (by is not ("month" or "quarter")) return Problems.Invalid("The report filter is invalid", [("by", "must be month or quarter")]);
        if (kind is not null && !Lifecycle.ReasonKinds.Contains(kind))
            return Problems.Invalid("The report filter is invalid", [("kind", $"must be one of {string.Join(", ", Lifecycle.ReasonKinds)}")]);
        var (f, t, problem) = Range(from, to);
        if (problem is not null) return problem;
        await using var context = db.Create();
        var query = context.AccountHistory.AsNoTracking().Where(h => h.Field.StartsWith("reasons."));
        if (playbookId is not null)
            query = query.Where(h => context.Instances.Any(i => i.Id == h.InstanceId && i.PlaybookId == playbookId));
        var rows = await query.Select(h => new { h.At, h.Field, h.NewValue }).ToListAsync(ct);
        var reasons = rows
            .Select(r => (Value: r.NewValue is null ? null : JsonNode.Parse(r.NewValue) as JsonObject, r.At, Kind: r.Field["reasons.".Length..]))
            .Where(r => r.Value is not null && Lifecycle.ReasonKinds.Contains(r.Kind) && (kind is null || r.Kind == kind))
            .Select(r => (r.Kind, Cause: (string?)r.Value!["cause"] ?? "unknown", At: ReasonTime(r.Value!) ?? r.At))
            .Where(r => (f is null || r.At >= f) && (t is null || r.At < t))
            .ToList();
        var periods = reasons.GroupBy(r => Period(r.At, by)).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new ReasonPeriod(g.Key,
                g.GroupBy(r => r.Kind).ToDictionary(k => k.Key, k => k.Count()),
                g.GroupBy(r => (r.Kind, r.Cause)).OrderBy(c => c.Key.Kind, StringComparer.Ordinal).ThenByDescending(c => c.Count())
                    .Select(c => new CauseCount(c.Key.Kind, c.Key.Cause, c.Count())).ToList()))
            .ToList();
        var totals = reasons.GroupBy(r => (r.Kind, r.Cause)).OrderBy(c => c.Key.Kind, StringComparer.Ordinal).ThenByDescending(c => c.Count())
            .Select(c => new CauseCount(c.Key.Kind, c.Key.Cause, c.Count())).ToList();
        return Results.Ok(new { by, kind, playbookId, total = reasons.Count, causes = totals, periods });
    }

    private static DateTimeOffset? ReasonTime(JsonObject reason) =>
        reason["at"] is JsonValue v && v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private sealed record WeekCount(string WeekStart, int Count);

    /// <summary>Now: accounts whose stage is at-risk. Trend: at the end of each of the last weeks (Monday–Sunday, UTC), the accounts whose latest stage change by then set at-risk; the current week counts the accounts at-risk now.</summary>
    private static async Task<IResult> AtRisk(string? tier, string? tag, int? weeks, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        await using var context = db.Create();
        var accounts = await AccountsAsync(context, tier, tag, ct);
        var atRisk = accounts.Where(a => (string?)a.Json["stage"] == "at-risk").Select(a => a.Id).Order(StringComparer.Ordinal).ToList();
        var ids = accounts.Select(a => a.Id).ToHashSet();
        var changes = (await context.AccountHistory.AsNoTracking().Where(h => h.Field == "stage")
                .Select(h => new { h.AccountId, h.At, h.NewValue }).ToListAsync(ct))
            .Where(h => ids.Contains(h.AccountId))
            .GroupBy(h => h.AccountId)
            .ToDictionary(g => g.Key, g => g.OrderBy(h => h.At).Select(h => (h.At, Stage: h.NewValue is null ? null : (string?)JsonNode.Parse(h.NewValue))).ToList());
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var monday = today.AddDays(-(((int)today.DayOfWeek + 6) % 7));
        var trend = new List<WeekCount>();
        for (var w = Math.Clamp(weeks ?? 12, 1, 104) - 1; w >= 0; w--)
        {
            var start = monday.AddDays(-7 * w);
            var end = new DateTimeOffset(start.AddDays(7).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
            // The current week ends now: the stored stage is its answer (history rows of one instant do not order).
            var count = w == 0 ? atRisk.Count : changes.Values.Count(c => c.LastOrDefault(x => x.At < end).Stage == "at-risk");
            trend.Add(new WeekCount(start.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), count));
        }
        return Results.Ok(new { count = atRisk.Count, accounts = atRisk.Take(500), trend });
    }

    private sealed record BandCounts(int Total, int Red, int Yellow, int Green, int Unscored);

    private static BandCounts Bands(IEnumerable<JsonObject> accounts)
    {
        var bands = accounts.Select(a => (string?)a["health"]?["band"]).ToList();
        return new(bands.Count, bands.Count(b => b == "red"), bands.Count(b => b == "yellow"), bands.Count(b => b == "green"), bands.Count(b => b is not ("red" or "yellow" or "green")));
    }

    private static async Task<IResult> HealthDistribution(string? tier, string? tag, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var accounts = await AccountsAsync(context, tier, tag, ct);
        var total = Bands(accounts.Select(a => a.Json));
        var byTier = accounts.GroupBy(a => (string?)a.Json["tier"] ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => Bands(g.Select(a => a.Json)));
        return Results.Ok(new { total.Total, total.Red, total.Yellow, total.Green, total.Unscored, byTier });
    }
}
