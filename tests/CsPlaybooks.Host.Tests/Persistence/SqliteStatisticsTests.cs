using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Persistence;

/// <summary>
/// On SQLite the host gathers the planner's statistics itself (<c>PRAGMA optimize</c> at start and every
/// <c>Database:StatisticsInterval</c>), and the accounts' filter index answers account filters: what SQLite plans, read
/// from its own EXPLAIN QUERY PLAN on the host's database.
/// </summary>
public sealed class SqliteStatisticsTests
{
    private const string IndustryAndStage = "SELECT id FROM accounts WHERE industry = 'retail' AND stage = 'onboarding'";

    [Fact]
    public async Task AccountsAddedAfterStart_AreAnalyzedWithinTheInterval_AndTheHostsConnectionsPlanWithTheStatistics()
    {
        await using var host = new TestHost(TestDatabase.Create(Db.Sqlite), TestHost.NewClock(), settings: new Dictionary<string, string> { ["Database:StatisticsInterval"] = "00:10:00" });
        var ops = host.Client();
        await host.DrainAsync();
        for (var i = 0; i < 60; i++)
        {
            var account = Samples.Account(Samples.NewId("acct"), tier: i % 3 == 0 ? "KA" : "ordinary");
            account["industry"] = i % 2 == 0 ? "retail" : "logistics";
            await Samples.CreateAccount(ops, account);
        }
        Assert.Null(await AccountRowsAnalyzed(host));
        Assert.All(await PlansOfTheHost(host, IndustryAndStage), plan => Assert.Contains("USING INDEX IX_accounts_stage", plan)); // no statistics

        host.Clock!.Advance(TimeSpan.FromMinutes(10));
        var rows = await Eventually.Get(() => AccountRowsAnalyzed(host), n => n is not null, "statistics of the accounts table");

        Assert.Equal(60, rows);
        // Every account is in onboarding, half of them in retail: the host's own (pooled) connections now know it.
        Assert.All(await PlansOfTheHost(host, IndustryAndStage), plan => Assert.Contains("USING INDEX IX_accounts_industry", plan));
    }

    [Theory]
    [InlineData("SELECT count(*) FROM accounts WHERE tier = 'KA' AND health_band = 'red'", "SEARCH accounts USING COVERING INDEX IX_accounts_filters (tier=? AND health_band=?)")]
    [InlineData("SELECT tier, health_band, count(*) FROM accounts GROUP BY tier, health_band", "SCAN accounts USING COVERING INDEX IX_accounts_filters")]
    [InlineData("SELECT id FROM accounts WHERE tier = 'KA' AND health_band = 'red' AND industry = 'retail' AND tags LIKE '%|emea|%'",
        "SEARCH accounts USING COVERING INDEX IX_accounts_filters (tier=? AND health_band=?)")]
    [InlineData("SELECT id FROM instances ORDER BY created_at DESC LIMIT 50", "SCAN instances USING INDEX IX_instances_created_at")]
    [InlineData("SELECT period_start, band, count(*), sum(score) FROM health_history WHERE period_start >= '2026-01-01' GROUP BY period_start, band",
        "SEARCH health_history USING COVERING INDEX IX_health_history_period_start_band_score (period_start>?)")]
    public async Task ListFiltersAndHealthReports_ReadOnlyTheIndex_EvenBeforeStatistics(string query, string plan)
    {
        await using var host = new TestHost(TestDatabase.Create(Db.Sqlite), TestHost.NewClock());
        await host.DrainAsync();
        Assert.Contains(plan, await Plan(host, query));
    }

    /// <summary>The row count SQLite's statistics hold for the accounts' filter index; null while not analyzed.</summary>
    private static async Task<long?> AccountRowsAnalyzed(TestHost host)
    {
        await using var connection = await OpenAsync(host);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stat FROM sqlite_stat1 WHERE idx = 'IX_accounts_filters'";
        try
        {
            return await command.ExecuteScalarAsync() is string stat ? long.Parse(stat.Split(' ')[0]) : null;
        }
        catch (SqliteException e) when (e.Message.Contains("no such table")) // nothing analyzed yet
        {
            return null;
        }
    }

    /// <summary>
    /// The plans on four connections of the host's own pool (the product's contexts) open at once, so that connections
    /// pooled before the statistics were gathered are among them.
    /// </summary>
    private static async Task<List<string>> PlansOfTheHost(TestHost host, string query)
    {
        var contexts = Enumerable.Range(0, 4).Select(_ => host.Services.GetRequiredService<PlaybooksDb>().Create()).ToList();
        try
        {
            var plans = new List<string>();
            foreach (var context in contexts)
            {
                var connection = (SqliteConnection)context.Database.GetDbConnection();
                await connection.OpenAsync();
                plans.Add(await PlanOn(connection, query));
            }
            return plans;
        }
        finally
        {
            foreach (var context in contexts) await context.DisposeAsync();
        }
    }

    private static async Task<string> Plan(TestHost host, string query)
    {
        await using var connection = await OpenAsync(host);
        return await PlanOn(connection, query);
    }

    private static async Task<string> PlanOn(SqliteConnection connection, string query)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "EXPLAIN QUERY PLAN " + query;
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(3));
        return string.Join("\n", lines);
    }

    private static async Task<SqliteConnection> OpenAsync(TestHost host)
    {
        var connection = new SqliteConnection(host.Database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }
}
