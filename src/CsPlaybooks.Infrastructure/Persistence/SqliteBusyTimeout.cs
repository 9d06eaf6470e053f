using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// SQLite: a writer that finds the database locked by another waits inside SQLite (<c>PRAGMA busy_timeout</c>, whose
/// handler retries within a millisecond or a few) instead of getting SQLITE_BUSY back at once, which
/// Microsoft.Data.Sqlite answers by sleeping before it retries. The product's writers — request handlers, the timer and
/// event pumps, the batch endpoints — share SQLite's one write lock, and each of those sleeps held a batch back for
/// far longer than the write it waited for.
/// </summary>
internal sealed class SqliteBusyTimeout(int milliseconds) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA busy_timeout = {milliseconds}";
        return command;
    }
}
