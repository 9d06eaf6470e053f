using System.Diagnostics;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Tests.Persistence;

/// <summary>
/// A SQLite connection the product opens that finds the database locked by another writer waits inside SQLite, retrying
/// every millisecond: it writes moments after the lock is released (SQLite's own busy timeout backs off to sleeps of up
/// to 100 ms), and gives up with "database is locked" after the connection's default timeout, not before.
/// The lock is held for real time: what is measured is how soon a waiting writer notices it is free.
/// </summary>
public sealed class SqliteBusyTimeoutTests : IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"busy-{Guid.NewGuid():N}.db");

    [Fact]
    public async Task AWriterFindingTheDatabaseLocked_WritesMomentsAfterTheLockIsReleased()
    {
        var db = Database(defaultTimeoutSeconds: 30);
        var lags = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            await using var holder = await OpenAsync(db);
            await ExecuteAsync(holder, "BEGIN IMMEDIATE; INSERT INTO t VALUES (0)");
            var waiting = Stopwatch.StartNew();
            await using var writer = await OpenAsync(db);
            var write = Task.Run(() => ExecuteAsync(writer, "INSERT INTO t VALUES (1)")); // Microsoft.Data.Sqlite runs "async" calls synchronously
            await Task.Delay(450);
            Assert.False(write.IsCompleted, "the second writer did not wait for the lock");
            await ExecuteAsync(holder, "COMMIT");
            var released = waiting.Elapsed;
            await write;
            lags.Add((waiting.Elapsed - released).TotalMilliseconds);
        }
        lags.Sort();
        Assert.True(lags[1] < 55, $"after the lock was released the waiting writer took {string.Join(" / ", lags.Select(l => $"{l:0} ms"))}");
        await using var reader = await OpenAsync(db);
        Assert.Equal(6L, await ScalarAsync(reader, "SELECT count(*) FROM t"));
    }

    [Fact]
    public async Task AWriterLockedOutForLongerThanItsTimeout_GetsDatabaseLocked()
    {
        Database(defaultTimeoutSeconds: 30); // the table; the product's connections wait 30 s at least, too long to wait for here
        await using var holder = await OpenRawAsync(waitMilliseconds: 1000);
        await ExecuteAsync(holder, "BEGIN IMMEDIATE; INSERT INTO t VALUES (0)");
        await using var writer = await OpenRawAsync(waitMilliseconds: 1000);
        var waiting = Stopwatch.StartNew();

        var refused = await Assert.ThrowsAsync<SqliteException>(() => ExecuteAsync(writer, "INSERT INTO t VALUES (1)", timeoutSeconds: 1));

        Assert.Equal(5, refused.SqliteErrorCode); // SQLITE_BUSY
        Assert.InRange(waiting.Elapsed.TotalSeconds, 0.9, 20);
    }

    private async Task<SqliteConnection> OpenRawAsync(int waitMilliseconds)
    {
        var connection = new SqliteConnection($"Data Source={_file};Pooling=False");
        await connection.OpenAsync();
        new SqliteBusyTimeout(waitMilliseconds).ConnectionOpened(connection, null!);
        return connection;
    }

    private PlaybooksDb Database(int defaultTimeoutSeconds)
    {
        var db = new PlaybooksDb(Options.Create(new DatabaseOptions
        {
            Provider = DatabaseProvider.Sqlite, ConnectionString = $"Data Source={_file};Pooling=False;Default Timeout={defaultTimeoutSeconds}",
        }));
        using var context = db.Create();
        context.Database.ExecuteSqlRaw("PRAGMA journal_mode = WAL; CREATE TABLE IF NOT EXISTS t (x INTEGER)");
        return db;
    }

    private static async Task<PlaybooksDbContext> OpenAsync(PlaybooksDb db)
    {
        var context = db.Create();
        await context.Database.OpenConnectionAsync();
        return context;
    }

    private static Task ExecuteAsync(PlaybooksDbContext context, string sql) => ExecuteAsync(context.Database.GetDbConnection(), sql);

    private static async Task ExecuteAsync(System.Data.Common.DbConnection connection, string sql, int timeoutSeconds = 30)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = timeoutSeconds;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(PlaybooksDbContext context, string sql)
    {
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    public void Dispose()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" }) File.Delete(_file + suffix);
    }
}
