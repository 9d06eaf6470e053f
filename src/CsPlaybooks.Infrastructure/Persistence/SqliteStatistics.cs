using CsPlaybooks.Infrastructure.Pumps;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// Keeps SQLite's planner statistics current, as autovacuum does on PostgreSQL: without them SQLite cannot tell a
/// selective index from one that matches a third of the table, nor skip through an index's few leading values (a filter
/// on health band and industry, without a tier, through the accounts' filter index). At start and every
/// <see cref="DatabaseOptions.StatisticsInterval"/> it runs <c>PRAGMA optimize=0x10002</c>, SQLite's own upkeep for
/// long-running processes: it analyzes, on a sample, only the tables that were never analyzed or changed much in size
/// since (0x10000: all tables, not just those this pooled connection happened to query), then has the pool's
/// connections reopened when the statistics changed. Registered on SQLite only.
/// </summary>
public sealed class SqliteStatistics(PlaybooksDb db, IOptions<DatabaseOptions> options, PumpActivity activity, TimeProvider time, ILogger<SqliteStatistics> log)
    : Pump(activity, time, log)
{
    private string? _seen; // the statistics after the last pass

    protected override WakeSignal Wake { get; } = new();
    protected override TimeSpan PollInterval => options.Value.StatisticsInterval;

    /// <summary>Reports zero items handled, so it never holds up a drain.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await using var context = db.Create();
        var connection = (SqliteConnection)context.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using (var optimize = connection.CreateCommand())
        {
            optimize.CommandText = "PRAGMA optimize=0x10002";
            await optimize.ExecuteNonQueryAsync(ct);
        }
        // A connection reads the statistics with the schema, and ANALYZE does not make the others read them again: the
        // pooled connections would go on planning from the old ones (or none) until closed. Compared with the last
        // pass's, so that statistics gathered in between (an ANALYZE by hand) are taken up too.
        var statistics = await StatisticsAsync(connection, ct);
        if (statistics != _seen) SqliteConnection.ClearPool(connection);
        _seen = statistics;
        return 0;
    }

    private static async Task<string> StatisticsAsync(SqliteConnection connection, CancellationToken ct)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_master WHERE name = 'sqlite_stat1'";
        if ((long)(await command.ExecuteScalarAsync(ct))! == 0) return "";
        command.CommandText = "SELECT group_concat(tbl || ' ' || ifnull(idx, '') || ' ' || stat, ';') FROM sqlite_stat1";
        return await command.ExecuteScalarAsync(ct) as string ?? "";
    }
}
