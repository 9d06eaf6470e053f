using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Startup;

/// <summary>
/// Lets one node at a time through start-up (migrations, Quartz's schema, workflow files): nodes of a cluster that start
/// together on a fresh database would otherwise race to create the same tables. A session-level lock in the database
/// (PostgreSQL advisory lock, SQL Server application lock) held on a connection of its own from the first start-up
/// step to the last, released explicitly; it goes with the connection if the process dies. SQLite is single-node: nothing to take.
/// </summary>
public sealed class StartupLock(PlaybooksDb db) : IAsyncDisposable
{
    private const long PostgresKey = 0x4373_506c_6179; // "CsPlay"
    private PlaybooksDbContext? _holder;

    public async Task AcquireAsync(CancellationToken ct)
    {
        var sql = AcquireSql(db.Provider);
        if (sql is null || _holder is not null) return;
        var holder = db.Create();
        holder.Database.SetCommandTimeout(0); // wait as long as the holder needs (a demo book load takes a while); its death frees the lock
        await holder.Database.OpenConnectionAsync(ct);
        await holder.Database.ExecuteSqlRawAsync(sql, ct);
        _holder = holder;
    }

    /// <summary>The statements per provider (null: no lock, SQLite); public so the T-SQL can be checked without a server.</summary>
    public static string? AcquireSql(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => $"SELECT pg_advisory_lock({PostgresKey})",
        DatabaseProvider.SqlServer => "EXEC sp_getapplock @Resource = 'csplaybooks-startup', @LockMode = 'Exclusive', @LockOwner = 'Session', @LockTimeout = -1",
        _ => null,
    };

    public static string? ReleaseSql(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres => $"SELECT pg_advisory_unlock({PostgresKey})",
        DatabaseProvider.SqlServer => "EXEC sp_releaseapplock @Resource = 'csplaybooks-startup', @LockOwner = 'Session'",
        _ => null,
    };

    /// <summary>Releases the lock explicitly: a pooled connection's session outlives its closing.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_holder is null) return;
        var sql = ReleaseSql(db.Provider);
        try
        {
            await _holder.Database.ExecuteSqlRawAsync(sql!);
        }
        finally
        {
            await _holder.Database.CloseConnectionAsync();
            await _holder.DisposeAsync();
            _holder = null;
        }
    }
}
