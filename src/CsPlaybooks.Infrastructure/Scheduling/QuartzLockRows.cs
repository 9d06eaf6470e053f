using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Scheduling;

/// <summary>
/// Creates the rows Quartz's clustered store locks (TRIGGER_ACCESS, STATE_ACCESS) while this node holds the start-up lock.
/// Left to Quartz, nodes starting together on a fresh database race to insert them when their schedulers start; the
/// loser waits Quartz's lock retry period, measured on the host's TimeProvider, and under a test's virtual clock that
/// period never passes (the scheduler hangs in its first check-in). SQLite runs Quartz unclustered: nothing to create.
/// </summary>
public sealed class QuartzLockRows(PlaybooksDb db)
{
    public async Task EnsureAsync(string schedulerName, CancellationToken ct)
    {
        var sql = InsertSql(db.Provider);
        if (sql is null) return;
        await using var context = db.Create();
        await context.Database.ExecuteSqlRawAsync(sql, [schedulerName], ct);
    }

    /// <summary>The statement per provider (parameter {0}: the scheduler name; null: none); public so the T-SQL can be checked without a server.</summary>
    public static string? InsertSql(DatabaseProvider provider) => provider switch
    {
        DatabaseProvider.Postgres =>
            "INSERT INTO qrtz_locks (sched_name, lock_name) VALUES ({0}, 'TRIGGER_ACCESS'), ({0}, 'STATE_ACCESS') ON CONFLICT DO NOTHING",
        DatabaseProvider.SqlServer =>
            "INSERT INTO QRTZ_LOCKS (SCHED_NAME, LOCK_NAME) SELECT {0}, n.lock_name FROM (VALUES ('TRIGGER_ACCESS'), ('STATE_ACCESS')) AS n(lock_name) " +
            "WHERE NOT EXISTS (SELECT 1 FROM QRTZ_LOCKS l WHERE l.SCHED_NAME = {0} AND l.LOCK_NAME = n.lock_name)",
        _ => null,
    };
}
