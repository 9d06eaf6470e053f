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

    /// <summary>The keys an account list sorts by (every one an indexed column; ties break by id).</summary>
    public static readonly string[] SortKeys = ["id", "name", "tier", "stage", "healthScore", "contractEnd", "updatedAt"];

    /// <summary>The accounts <paramref name="filter"/> keeps, in the order of <paramref name="sort"/> (one of <see cref="SortKeys"/>).</summary>
    public static IQueryable<AccountRecord> Query(PlaybooksDbContext context, AccountFilter filter, string sort, bool descending)
    {
        var query = filter.Apply(context.Accounts.AsNoTracking(), context);
        return sort switch
        {
            "name" => By(query, a => a.Name, descending),
            "tier" => By(query, a => a.Tier, descending),
            "stage" => By(query, a => a.Stage, descending),
            "healthScore" => By(query, a => a.HealthScore, descending),
            "contractEnd" => By(query, a => a.ContractEnd, descending),
            "updatedAt" => By(query, a => a.UpdatedAt, descending),
            _ => descending ? query.OrderByDescending(a => a.Id) : query.OrderBy(a => a.Id),
        };
    }

    private static IQueryable<AccountRecord> By<TKey>(IQueryable<AccountRecord> query, System.Linq.Expressions.Expression<Func<AccountRecord, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key).ThenByDescending(a => a.Id) : query.OrderBy(key).ThenBy(a => a.Id);

    /// <summary>One page of accounts and the true total the filter keeps.</summary>
    public async Task<(int Total, IReadOnlyList<AccountDocument> Items)> ListAsync(AccountFilter filter, string sort, bool descending, int skip, int take, CancellationToken ct)
    {
        await using var context = db.Create();
        var query = Query(context, filter, sort, descending);
        var total = await query.CountAsync(ct);
        if (skip <= total / 2 || skip >= total)
        {
            var rows = await query.Skip(skip).Take(take).Select(a => new { a.Id, a.Json }).ToListAsync(ct);
            return (total, rows.Select(r => AccountDocument.FromStored(r.Id, r.Json)).ToList());
        }
        // Past the middle the page is read from the far end (the order reversed, ties by id too, so exactly mirrored):
        // the database skips fewer rows, and the last page costs what the first does.
        var count = Math.Min(take, total - skip);
        var mirrored = await Query(context, filter, sort, !descending).Skip(total - skip - count).Take(count).Select(a => new { a.Id, a.Json }).ToListAsync(ct);
        mirrored.Reverse();
        return (total, mirrored.Select(r => AccountDocument.FromStored(r.Id, r.Json)).ToList());
    }

    /// <summary>Every account, read in pages by id (keyset paging: each page is an index seek, however many accounts there are).</summary>
    public IAsyncEnumerable<AccountDocument> AllAsync(CancellationToken ct) => AllAsync(new AccountFilter(), ct);

    /// <summary>The accounts <paramref name="filter"/> keeps, in id order, read a page at a time.</summary>
    public async IAsyncEnumerable<AccountDocument> AllAsync(AccountFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        const int pageSize = 500;
        var after = "";
        while (true)
        {
            List<AccountRecord> page;
            await using (var context = db.Create())
                page = await filter.Apply(context.Accounts.AsNoTracking(), context).Where(a => a.Id.CompareTo(after) > 0).OrderBy(a => a.Id).Take(pageSize).ToListAsync(ct);
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
