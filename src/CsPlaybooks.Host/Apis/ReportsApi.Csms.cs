using CsPlaybooks.Infrastructure.Csms;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

public static partial class ReportsApi
{
    public sealed record CsmLoadRow(string CsmId, string Name, string TouchModel, int Capacity, int Load, double Utilisation);

    public sealed record CsmLoadReport(int Accounts, int Capacity, IReadOnlyList<CsmLoadRow> Csms);

    /// <summary>Each CSM's load against capacity (DOMAIN.md §2 capacity), counted in the database; the account filters narrow what counts as load.</summary>
    private static async Task<Results<Ok<CsmLoadReport>, ContentHttpResult, ProblemHttpResult>> CsmLoad([AsParameters] AccountFilterParameters accounts,
        string? format, CsmService csms, CancellationToken ct)
    {
        var check = new ListQuery();
        var (filter, csv) = Common(check, accounts, format);
        if (check.Problem is { } problem) return problem;
        var (list, loads) = await csms.ListAsync(ct, filter);
        var rows = list.Select(c =>
        {
            var capacity = csms.Rules.CapacityOf(CsmService.Profile(c));
            var load = loads.GetValueOrDefault(c.Id);
            return new CsmLoadRow(c.Id, c.Name, c.TouchModel, capacity, load, capacity == 0 ? 0 : Math.Round((double)load / capacity, 4));
        }).OrderByDescending(r => r.Utilisation).ThenBy(r => r.CsmId, StringComparer.Ordinal).ToList();
        if (csv)
            return CsvText.Of(["csmId", "name", "touchModel", "capacity", "load", "utilisation"], rows.Select(r => new object?[] { r.CsmId, r.Name, r.TouchModel, r.Capacity, r.Load, r.Utilisation }));
        return TypedResults.Ok(new CsmLoadReport(rows.Sum(r => r.Load), rows.Sum(r => r.Capacity), rows));
    }
}
