using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Accounts;

/// <summary>The account side of CSM assignment: who owns which account (the indexed <c>csm_id</c> column, kept in step with the document's <c>csmId</c>).</summary>
public sealed partial class AccountStore
{
    /// <summary>Accounts per CSM id, counted in the database; <paramref name="filter"/> narrows what counts, <paramref name="exceptAccountId"/> leaves one account out.</summary>
    public static async Task<Dictionary<string, int>> LoadsAsync(PlaybooksDbContext context, CancellationToken ct, AccountFilter? filter = null, string? exceptAccountId = null)
    {
        var accounts = (filter ?? new AccountFilter()).Apply(context.Accounts.AsNoTracking(), context).Where(a => a.CsmId != null);
        if (exceptAccountId is not null) accounts = accounts.Where(a => a.Id != exceptAccountId);
        var rows = await accounts.GroupBy(a => a.CsmId!).Select(g => new { CsmId = g.Key, Count = g.Count() }).ToListAsync(ct);
        return rows.ToDictionary(r => r.CsmId, r => r.Count, StringComparer.Ordinal);
    }

    /// <summary>The ids of one CSM's accounts, in id order.</summary>
    public static Task<List<string>> BookAsync(PlaybooksDbContext context, string csmId, CancellationToken ct) =>
        context.Accounts.AsNoTracking().Where(a => a.CsmId == csmId).OrderBy(a => a.Id).Select(a => a.Id).ToListAsync(ct);
}
