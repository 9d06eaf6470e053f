using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Success.Accounts;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Accounts;

/// <summary>Accounts as playbooks see them.</summary>
public sealed partial class AccountStore(PlaybooksDb db)
{
    public async Task<AccountDocument?> FindAsync(PlaybooksDbContext context, string id, CancellationToken ct)
    {
        var json = await context.Accounts.AsNoTracking().Where(a => a.Id == id).Select(a => a.Json).FirstOrDefaultAsync(ct);
        return json is null ? null : AccountDocument.FromStored(id, json);
    }

    public async Task<AccountDocument?> FindAsync(string id, CancellationToken ct)
    {
        await using var context = db.Create();
        return await FindAsync(context, id, ct);
    }

    public async Task<IReadOnlyList<AccountDocument>> ListAsync(int skip, int take, CancellationToken ct)
    {
        await using var context = db.Create();
        var rows = await context.Accounts.AsNoTracking().OrderBy(a => a.Id).Skip(skip).Take(take).Select(a => new { a.Id, a.Json }).ToListAsync(ct);
        return rows.Select(r => AccountDocument.FromStored(r.Id, r.Json)).ToList();
    }

    /// <summary>Every account, read in pages by id (keyset paging: each page is an index seek, however many accounts there are).</summary>
    public async IAsyncEnumerable<AccountDocument> AllAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        const int pageSize = 500;
        var after = "";
        while (true)
        {
            List<AccountRecord> page;
            await using (var context = db.Create())
                page = await context.Accounts.AsNoTracking().Where(a => a.Id.CompareTo(after) > 0).OrderBy(a => a.Id).Take(pageSize).ToListAsync(ct);
            foreach (var row in page) yield return AccountDocument.FromStored(row.Id, row.Json);
            if (page.Count < pageSize) yield break;
            after = page[^1].Id;
        }
    }

    public async Task<bool> DeleteAsync(string id, CancellationToken ct)
    {
        await using var context = db.Create();
        return await context.Accounts.Where(a => a.Id == id).ExecuteDeleteAsync(ct) > 0;
    }
}
