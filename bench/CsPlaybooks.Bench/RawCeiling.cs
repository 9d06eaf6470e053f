using System.Data.Common;
using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace CsPlaybooks.Bench;

/// <summary>
/// The database's own limit with the product's connection string: one-row INSERT in its own transaction, committed,
/// as fast as possible, on 1 and on 4 connections. Every burst the runtime commits is at least this much work.
/// </summary>
public static class RawCeiling
{
    public static async Task<double> MeasureAsync(string provider, string connectionString, int connections, TimeSpan duration)
    {
        await using (var setup = Open(provider, connectionString))
        {
            await Exec(setup, provider == "postgres"
                ? "CREATE TABLE IF NOT EXISTS bench_ceiling (id bigserial PRIMARY KEY, worker int NOT NULL, at timestamptz NOT NULL)"
                : "CREATE TABLE IF NOT EXISTS bench_ceiling (id INTEGER PRIMARY KEY, worker INTEGER NOT NULL, at INTEGER NOT NULL)");
        }
        var count = 0L;
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, connections).Select(async w =>
        {
            await using var connection = Open(provider, connectionString);
            await using var insert = connection.CreateCommand();
            insert.CommandText = provider == "postgres"
                ? "INSERT INTO bench_ceiling (worker, at) VALUES (@w, now())"
                : "INSERT INTO bench_ceiling (worker, at) VALUES (@w, unixepoch())";
            var p = insert.CreateParameter();
            p.ParameterName = "@w";
            p.Value = w;
            insert.Parameters.Add(p);
            while (stop.Elapsed < duration)
            {
                await using var tx = await connection.BeginTransactionAsync();
                insert.Transaction = tx;
                await insert.ExecuteNonQueryAsync();
                await tx.CommitAsync();
                Interlocked.Increment(ref count);
            }
        }).ToList();
        await Task.WhenAll(workers);
        return count / stop.Elapsed.TotalSeconds;
    }

    private static DbConnection Open(string provider, string connectionString)
    {
        DbConnection connection = provider == "postgres" ? new NpgsqlConnection(connectionString) : new SqliteConnection(connectionString);
        connection.Open();
        return connection;
    }

    private static async Task Exec(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
