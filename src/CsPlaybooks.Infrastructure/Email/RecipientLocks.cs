using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace CsPlaybooks.Infrastructure.Email;

/// <summary>
/// Serialises work on one recipient across nodes through the database: a transaction that updates the recipient's row
/// in <c>recipient_locks</c>, which holds its row lock (PostgreSQL, SQL Server) or the database's write lock (SQLite)
/// until the transaction ends. Used for the frequency cap's check-and-reserve.
/// </summary>
public static class RecipientLocks
{
    /// <summary>Opens a transaction on <paramref name="context"/> holding the lock on <paramref name="address"/>.</summary>
    public static async Task<IDbContextTransaction> LockAsync(PlaybooksDbContext context, string address, DateTimeOffset now, CancellationToken ct)
    {
        await EnsureRowAsync(context, address, now, ct);
        var transaction = await context.Database.BeginTransactionAsync(ct);
        await context.RecipientLocks.Where(l => l.Address == address).ExecuteUpdateAsync(s => s.SetProperty(l => l.LockedAt, now), ct);
        return transaction;
    }

    /// <summary>Before the transaction: a failed insert would abort it on PostgreSQL. A concurrent insert serves the same.</summary>
    private static async Task EnsureRowAsync(PlaybooksDbContext context, string address, DateTimeOffset now, CancellationToken ct)
    {
        if (await context.RecipientLocks.AsNoTracking().AnyAsync(l => l.Address == address, ct)) return;
        var row = context.RecipientLocks.Add(new RecipientLockRecord { Address = address, LockedAt = now });
        try
        {
            await context.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // inserted by another node meanwhile
        }
        row.State = EntityState.Detached;
    }
}
