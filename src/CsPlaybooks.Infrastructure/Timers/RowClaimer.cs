using System.Data.Common;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CsPlaybooks.Infrastructure.Timers;

/// <summary>
/// A row taken by this node for a while: nobody else processes it until the lease ends. <paramref name="LeaseUntil"/>
/// is the lease end as the database stored it (its precision), so a commit can use it as the row's concurrency token.
/// </summary>
public sealed record ClaimedRow(string Id, DateTimeOffset DueAt, DateTimeOffset LeaseUntil);

/// <summary>
/// Claims due rows in batches with a lease, so several nodes share the work and a crashed node's claims come
/// back when their lease ends. PostgreSQL: FOR UPDATE SKIP LOCKED; SQL Server: UPDLOCK, READPAST;
/// SQLite: a single writer, so a plain UPDATE … RETURNING.
/// </summary>
public sealed class RowClaimer(PlaybooksDb db)
{
    private static readonly DateTimeOffsetToBinaryConverter SqliteTime = new();

    /// <summary>
    /// Whether a claim is cheap next to the commits running beside it. Not on SQLite: there a claim is a write that waits
    /// for the one writer, so many small claims starve the chunks they feed (timers fell from 2,300 to 1,000 a second).
    /// </summary>
    public bool ClaimsAreCheap => db.Provider != DatabaseProvider.Sqlite;

    /// <param name="table">bookmarks or outbox</param>
    /// <param name="dueColumn">due_at or next_attempt_at</param>
    /// <param name="extraCondition">an additional SQL condition on the row (trusted, not user input)</param>
    public async Task<IReadOnlyList<ClaimedRow>> ClaimAsync(string table, string dueColumn, string? extraCondition, string node, DateTimeOffset now, TimeSpan lease, int batch, CancellationToken ct)
    {
        await using var context = db.Create();
        var connection = context.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = ClaimSql(db.Provider, table, dueColumn, extraCondition);
        Add(command, "@node", node);
        Add(command, "@now", ToDb(now));
        Add(command, "@until", ToDb(now + lease));
        Add(command, "@batch", batch);
        var rows = new List<ClaimedRow>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new ClaimedRow(reader.GetValue(0).ToString()!, FromDb(reader.GetValue(1)), FromDb(reader.GetValue(2))));
        rows.Sort((a, b) => a.DueAt.CompareTo(b.DueAt));
        return rows;
    }

    /// <summary>The claim statement for a provider (parameters @node, @now, @until, @batch); public so the T-SQL can be checked without a server.</summary>
    public static string ClaimSql(DatabaseProvider provider, string table, string dueColumn, string? extraCondition)
    {
        var where = $"{dueColumn} IS NOT NULL AND {dueColumn} <= @now AND (claimed_until IS NULL OR claimed_until < @now)"
            + (extraCondition is null ? "" : $" AND {extraCondition}");
        return provider switch
        {
            // = ANY(ARRAY(…)) makes the locked ids an init plan looked up by primary key. Written as a join
            // (UPDATE … FROM (subquery)), the planner hashes the subquery and scans the whole table on every claim
            // once many rows are due: 3 ms a claim at 60,000 bookmarks, growing with the book.
            DatabaseProvider.Postgres =>
                $"UPDATE {table} SET claimed_by = @node, claimed_until = @until WHERE id = ANY(ARRAY(SELECT id FROM {table} WHERE {where} ORDER BY {dueColumn} LIMIT @batch FOR UPDATE SKIP LOCKED)) RETURNING id, {dueColumn}, claimed_until",
            DatabaseProvider.SqlServer =>
                $"WITH c AS (SELECT TOP (@batch) * FROM {table} WITH (UPDLOCK, READPAST, ROWLOCK) WHERE {where} ORDER BY {dueColumn}) UPDATE c SET claimed_by = @node, claimed_until = @until OUTPUT inserted.id, inserted.{dueColumn}, inserted.claimed_until",
            _ =>
                $"UPDATE {table} SET claimed_by = @node, claimed_until = @until WHERE id IN (SELECT id FROM {table} WHERE {where} ORDER BY {dueColumn} LIMIT @batch) RETURNING id, {dueColumn}, claimed_until",
        };
    }

    private object ToDb(DateTimeOffset value) =>
        db.Provider == DatabaseProvider.Sqlite ? SqliteTime.ConvertToProvider(value.ToUniversalTime())! : value.ToUniversalTime();

    private DateTimeOffset FromDb(object value) => value switch
    {
        long l => (DateTimeOffset)SqliteTime.ConvertFromProvider(l)!,
        DateTimeOffset d => d,
        DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt, DateTimeKind.Utc)),
        _ => throw new InvalidOperationException($"unexpected time {value} ({value.GetType().Name})"),
    };

    private static void Add(DbCommand command, string name, object value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
