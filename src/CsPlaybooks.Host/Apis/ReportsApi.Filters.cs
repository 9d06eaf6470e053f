using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

public static partial class ReportsApi
{
    public sealed record FilterChoice(string Value, int Accounts);

    public sealed record FilterChoices(IReadOnlyList<FilterChoice> Industries, IReadOnlyList<FilterChoice> Tags);

    private const int ChoicesShown = 200;

    /// <summary>
    /// The industries and tags a dashboard filter can choose from, with their accounts, most common first (at most 200
    /// each). Grouped in the database on the indexed columns; only the tag lists of the most common combinations are read.
    /// </summary>
    private static async Task<Ok<FilterChoices>> Filters(PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var industries = await context.Accounts.AsNoTracking().Where(a => a.Industry != null).GroupBy(a => a.Industry!)
            .Select(g => new { Value = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).ThenBy(g => g.Value).Take(ChoicesShown).ToListAsync(ct);
        var tagLists = await context.Accounts.AsNoTracking().Where(a => a.Tags != null).GroupBy(a => a.Tags!)
            .Select(g => new { Value = g.Key, Count = g.Count() }).OrderByDescending(g => g.Count).ThenBy(g => g.Value).Take(ChoicesShown).ToListAsync(ct);
        var tags = tagLists.SelectMany(l => l.Value.Split('|', StringSplitOptions.RemoveEmptyEntries).Select(t => (Tag: t, l.Count)))
            .GroupBy(t => t.Tag).Select(g => new FilterChoice(g.Key, g.Sum(t => t.Count)))
            .OrderByDescending(t => t.Accounts).ThenBy(t => t.Value, StringComparer.Ordinal).Take(ChoicesShown).ToList();
        return TypedResults.Ok(new FilterChoices(industries.Select(i => new FilterChoice(i.Value, i.Count)).ToList(), tags));
    }
}
