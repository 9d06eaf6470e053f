using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// SQLite: a writer that finds the database locked by another waits inside SQLite (its busy timeout, whose handler
/// retries within a millisecond or a few) instead of getting SQLITE_BUSY back at once, which Microsoft.Data.Sqlite
/// answers by sleeping before it retries. The product's writers — request handlers, the timer and event pumps, the
/// batch endpoints — share SQLite's one write lock, and each of those sleeps held a batch back for far longer than the
/// write it waited for. Set on the native connection as each is opened (a field SQLite keeps; no statement runs).
/// </summary>
internal sealed class SqliteBusyTimeout(int milliseconds) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection) => SQLitePCL.raw.sqlite3_busy_timeout(((SqliteConnection)connection).Handle, milliseconds);
}
