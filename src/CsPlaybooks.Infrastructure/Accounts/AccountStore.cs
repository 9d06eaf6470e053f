using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Success.Accounts;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Accounts;

/// <summary>Accounts as playbooks see them.</summary>
public sealed partial class AccountStore(PlaybooksDb db, TimeProvider time)
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

    /// <summary>Creates or replaces an account, recording what changed and who changed it; returns true when it was created.</summary>
    public async Task<bool> UpsertAsync(AccountDocument account, string changedBy, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var context = db.Create();
            var record = await context.Accounts.FirstOrDefaultAsync(a => a.Id == account.Id, ct);
            var now = time.GetUtcNow();
            var created = record is null;
            var before = record is null ? null : JsonNode.Parse(record.Json)!.AsObject();
            if (record is null)
            {
                record = new AccountRecord { Id = account.Id, Name = account.Name, Json = "", CreatedAt = now };
                context.Accounts.Add(record);
            }
            AccountChanges.Record(context, account.Id, before, account.Json, changedBy, now);
            record.Name = account.Name;
            record.Json = account.Json.ToJsonString();
            record.UpdatedAt = now;
            record.Revision++;
            try
            {
                await context.SaveChangesAsync(ct);
                return created;
            }
            catch (DbUpdateConcurrencyException) when (attempt < 5)
            {
                // a playbook step changed the account meanwhile; the caller's document replaces it as a whole
            }
        }
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
