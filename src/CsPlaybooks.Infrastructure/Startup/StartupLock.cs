using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Startup;

/// <summary>
/// Lets one node at a time through start-up (migrations, Quartz's schema, workflow files): nodes of a cluster that start
/// together on a fresh database would otherwise race to create the same tables. A session-level lock in the database
/// (PostgreSQL advisory lock, SQL Server application lock) held on a connection of its own from the first start-up
/// step to the last; it goes with the connection if the process dies. SQLite is single-node: nothing to take.
/// </summary>
public sealed class StartupLock(PlaybooksDb db) : IAsyncDisposable
{
    private const long PostgresKey = 0x4373_506c_6179; // "CsPlay"
    private PlaybooksDbContext? _holder;

    public async Task AcquireAsync(CancellationToken ct)
    {
        var sql = db.Provider switch
        {
            DatabaseProvider.Postgres => $"SELECT pg_advisory_lock({PostgresKey})",
            DatabaseProvider.SqlServer => "EXEC sp_getapplock @Resource = 'csplaybooks-startup', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1",
            _ => null,
        };
        if (sql is null || _holder is not null) return;
        var holder = db.Create();
        await holder.Database.OpenConnectionAsync(ct);
        await holder.Database.ExecuteSqlRawAsync(sql, ct);
        _holder = holder;
    }

    /// <summary>Ends the holding session, which releases the lock.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_holder is null) return;
        await _holder.Database.CloseConnectionAsync();
        await _holder.DisposeAsync();
        _holder = null;
    }
}
