using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Accounts;

/// <summary>The account side of CSM assignment: who owns which account (the indexed <c>csm_id</c> column, kept in step with the document's <c>csmId</c>).</summary>
public sealed partial class AccountStore
{
    /// <summary>Account ids per CSM id.</summary>
    public async Task<Dictionary<string, List<string>>> AccountsByCsmAsync(PlaybooksDbContext context, CancellationToken ct)
    {
        var rows = await context.Accounts.AsNoTracking().Where(a => a.CsmId != null).OrderBy(a => a.Id).Select(a => new { a.Id, a.CsmId }).ToListAsync(ct);
        return rows.GroupBy(r => r.CsmId!, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Select(r => r.Id).ToList(), StringComparer.Ordinal);
    }
}
