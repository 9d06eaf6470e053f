using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Timers;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Persistence;

/// <summary>
/// The claim statement's plan on PostgreSQL with a large book of due rows: the locked ids are looked up by primary key.
/// Written as a join, the planner hashed the subquery and scanned the whole table on every claim (3 ms a claim at
/// 60,000 bookmarks, growing with the book) — the largest cost the database had on the timer path.
/// </summary>
public sealed class ClaimPlanTests(PostgresHost fixture) : IClassFixture<PostgresHost>
{
    [Fact]
    public async Task Claim_WithManyDueRows_LooksTheLockedIdsUpByPrimaryKey_WithoutScanningTheTable()
    {
        var db = fixture.Host.Services.GetRequiredService<PlaybooksDb>();
        await using var connection = new Npgsql.NpgsqlConnection(db.ConnectionString);
        await connection.OpenAsync();
        // Due in 2100, claimed as of 2101: far beyond any clock the host's own pump runs on, so it leaves them alone.
        await using (var seed = new Npgsql.NpgsqlCommand(
            """
            INSERT INTO bookmarks (id, account_id, instance_id, step_id, event_name, due_at)
            SELECT 'plan-' || g, 'plan-account-' || (g % 5000), gen_random_uuid(), 'wait', NULL, timestamptz '2100-01-01' + g * interval '1 second'
            FROM generate_series(1, 30000) AS g;
            ANALYZE bookmarks;
            """, connection))
            await seed.ExecuteNonQueryAsync();

        await using var explain = new Npgsql.NpgsqlCommand("EXPLAIN " + RowClaimer.ClaimSql(DatabaseProvider.Postgres, "bookmarks", "due_at", null), connection);
        explain.Parameters.AddWithValue("node", "plan-node");
        explain.Parameters.AddWithValue("now", new DateTimeOffset(2101, 1, 1, 0, 0, 0, TimeSpan.Zero));
        explain.Parameters.AddWithValue("until", new DateTimeOffset(2101, 1, 1, 0, 1, 0, TimeSpan.Zero));
        explain.Parameters.AddWithValue("batch", 500);
        var plan = new List<string>();
        await using (var reader = await explain.ExecuteReaderAsync())
            while (await reader.ReadAsync()) plan.Add(reader.GetString(0));
        var text = string.Join("\n", plan);

        Assert.False(text.Contains("Seq Scan"), $"the claim scans the table:\n{text}");
        Assert.True(text.Contains("\"PK_bookmarks\"") && text.Contains("\"IX_bookmarks_due_at\""), $"the claim does not use the due-time and primary-key indexes:\n{text}");
    }
}
