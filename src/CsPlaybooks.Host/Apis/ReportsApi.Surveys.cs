using System.Globalization;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Success.Surveys;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

public static partial class ReportsApi
{
    public sealed record NpsCounts(int Responses, int Promoters, int Passives, int Detractors, int? Nps);

    public sealed record NpsMonth(string Month, NpsCounts All, IReadOnlyDictionary<string, NpsCounts> ByTier);

    public sealed record NpsReport(NpsCounts All, IReadOnlyList<NpsMonth> Months);

    /// <summary>
    /// NPS per month and per tier (the account's tier now): each NPS answer counts once, with its current score, in the
    /// month (UTC) of its first answer. NPS = % promoters − % detractors, rounded; null for a month without answers.
    /// Counted in the database (GROUP BY month, tier, category over the answers of the filtered accounts).
    /// </summary>
    private static async Task<Results<Ok<NpsReport>, ContentHttpResult, ProblemHttpResult>> Nps(int? months, [AsParameters] AccountFilterParameters accounts,
        string? format, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        var check = new ListQuery();
        if (months is < 1 or > 60) check.Error("months", "'months' must be between 1 and 60");
        var (filter, csv) = Common(check, accounts, format);
        if (check.Problem is { } problem) return problem;
        var today = time.GetUtcNow().UtcDateTime;
        var first = new DateOnly(today.Year, today.Month, 1).AddMonths(1 - (months ?? 12));
        await using var context = db.Create();
        var cells = await (
            from r in context.SurveyResponses.AsNoTracking()
            where r.Kind == SurveyKinds.Nps && r.AnsweredMonth >= first
            join a in filter.Apply(context.Accounts, context) on r.AccountId equals a.Id
            group r by new { r.AnsweredMonth, a.Tier, r.Category } into g
            select new { Month = g.Key.AnsweredMonth, g.Key.Tier, g.Key.Category, Count = g.Count() }).ToListAsync(ct);

        static NpsCounts Counts(IEnumerable<(string Category, int Count)> cells)
        {
            var list = cells.ToList();
            int Of(string category) => list.Where(c => c.Category == category).Sum(c => c.Count);
            var (total, promoters, detractors) = (list.Sum(c => c.Count), Of(SurveyKinds.Promoter), Of(SurveyKinds.Detractor));
            return new(total, promoters, Of(SurveyKinds.Passive), detractors,
                total == 0 ? null : (int)Math.Round(100.0 * (promoters - detractors) / total, MidpointRounding.AwayFromZero));
        }
        var result = Enumerable.Range(0, months ?? 12).Select(i => first.AddMonths(i)).Select(month =>
        {
            var inMonth = cells.Where(c => c.Month == month).ToList();
            return new NpsMonth(month.ToString("yyyy-MM", CultureInfo.InvariantCulture), Counts(inMonth.Select(c => (c.Category, c.Count))),
                inMonth.GroupBy(c => c.Tier ?? "none").OrderBy(g => g.Key, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => Counts(g.Select(c => (c.Category, c.Count)))));
        }).ToList();
        if (csv)
            return CsvText.Of(["month", "tier", "responses", "promoters", "passives", "detractors", "nps"], result.SelectMany(m =>
                m.ByTier.Select(t => (Tier: t.Key, Counts: t.Value)).Append((Tier: "all", Counts: m.All))
                    .Select(t => new object?[] { m.Month, t.Tier, t.Counts.Responses, t.Counts.Promoters, t.Counts.Passives, t.Counts.Detractors, t.Counts.Nps })));
        return TypedResults.Ok(new NpsReport(Counts(cells.Select(c => (c.Category, c.Count))), result));
    }
}
