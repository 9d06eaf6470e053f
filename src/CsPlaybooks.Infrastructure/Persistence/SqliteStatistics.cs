using CsPlaybooks.Infrastructure.Pumps;
using CsPlaybooks.Infrastructure.Runtime;
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
/// since (0x10000: all tables, not just those this pooled connection happened to query). Nothing on other providers.
/// </summary>
public sealed class SqliteStatistics(PlaybooksDb db, IOptions<DatabaseOptions> options, PumpActivity activity, TimeProvider time, ILogger<SqliteStatistics> log)
    : Pump(activity, time, log)
{
    protected override WakeSignal Wake { get; } = new();
    protected override TimeSpan PollInterval => options.Value.StatisticsInterval;

    /// <summary>Reports zero items handled, so it never holds up a drain.</summary>
    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        if (db.Provider != DatabaseProvider.Sqlite) return 0;
        await using var context = db.Create();
        await context.Database.ExecuteSqlRawAsync("PRAGMA optimize=0x10002;", ct);
        return 0;
    }
}
