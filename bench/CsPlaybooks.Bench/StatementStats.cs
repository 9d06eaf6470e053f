using Npgsql;

namespace CsPlaybooks.Bench;

/// <summary>
/// Where the database server's time went in one phase (--statements): pg_stat_statements is reset when a phase starts
/// and its most expensive statements are printed when it ends. The server must preload the extension.
/// </summary>
public sealed class StatementStats(string connectionString)
{
    public const string ServerSettings = "-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track=all";

    public async Task StartAsync()
    {
        await ExecuteAsync("CREATE EXTENSION IF NOT EXISTS pg_stat_statements");
        await ExecuteAsync("SELECT pg_stat_statements_reset(), pg_stat_reset()");
    }

    /// <summary>Prints the phase's top statements by total execution time, then starts counting the next phase.</summary>
    public async Task PrintAndResetAsync(string phase, int top = 12)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT calls, rows, total_exec_time, mean_exec_time, regexp_replace(query, '\s+', ' ', 'g')
            FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
            ORDER BY total_exec_time DESC LIMIT $1
            """, connection);
        command.Parameters.AddWithValue(top);
        Console.WriteLine($"statements of phase '{phase}' by server time (calls, rows, total ms, mean ms, statement), then the tables it scanned:");
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
            {
                var sql = reader.GetString(4);
                Console.WriteLine($"  {reader.GetInt64(0),7} {reader.GetInt64(1),8} {reader.GetDouble(2),9:0.0} {reader.GetDouble(3),7:0.000}  {(sql.Length > 220 ? sql[..220] + "…" : sql)}");
            }
        await using (var tables = new NpgsqlCommand(
            """
            SELECT relname, seq_scan, seq_tup_read, coalesce(idx_scan, 0), n_live_tup, n_dead_tup FROM pg_stat_user_tables
            WHERE seq_scan + coalesce(idx_scan, 0) > 0 ORDER BY seq_tup_read DESC LIMIT 8
            """, connection))
        {
            Console.WriteLine("  tables (sequential scans, rows they read, index scans, live rows, dead rows):");
            await using var reader = await tables.ExecuteReaderAsync();
            while (await reader.ReadAsync())
                Console.WriteLine($"    {reader.GetString(0),-20} {reader.GetInt64(1),7} {reader.GetInt64(2),10} {reader.GetInt64(3),8} {reader.GetInt64(4),8} {reader.GetInt64(5),8}");
        }
        await ExecuteAsync("SELECT pg_stat_statements_reset(), pg_stat_reset()");
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
