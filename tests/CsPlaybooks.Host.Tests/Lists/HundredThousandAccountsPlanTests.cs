using System.Data.Common;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Lists;

/// <summary>
/// A book of 100,000 accounts seeded set-based on PostgreSQL (then ANALYZEd): the account list's queries, as the API
/// builds them, are answered through an index, never a sequential scan of accounts. The plan, not a stopwatch, is asserted.
/// </summary>
public sealed class HundredThousandAccountsPlanTests(PostgresHost fixture) : IClassFixture<PostgresHost>, IAsyncLifetime
{
    private PlaybooksDb Db => fixture.Host.Services.GetRequiredService<PlaybooksDb>();

    public async Task InitializeAsync()
    {
        await using var context = Db.Create();
        if (await context.Accounts.AnyAsync(a => a.Id == "bulk-100000")) return;
        await context.Database.ExecuteSqlRawAsync("""
            INSERT INTO accounts (id, name, json, tier, stage, industry, health_band, health_score, contract_end, tags, csm_id, revision, created_at, updated_at)
            SELECT 'bulk-' || lpad(g::text, 6, '0'), 'Bulk account ' || g, json_build_object('id', 'bulk-' || lpad(g::text, 6, '0'), 'name', 'Bulk account ' || g)::text,
                   (ARRAY['KA','ordinary','micro'])[1 + g % 3],
                   (ARRAY['signing','onboarding','growth','maturity','at-risk','renewal','churned'])[1 + g % 7],
                   (ARRAY['catering','tourism','beauty','retail','education','logistics','finance','health','media','software'])[1 + g % 10],
                   CASE WHEN g % 11 = 0 THEN NULL ELSE (ARRAY['red','yellow','green'])[1 + g % 3] END, g % 101,
                   date '2026-01-01' + (g % 730), '|bulk|g' || (g % 100) || '|', 'csm-' || (g % 200), 1,
                   now() - g * interval '1 hour', now() - (g % 5000) * interval '1 minute'
            FROM generate_series(1, 100000) g;
            ANALYZE accounts;
            """);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public static TheoryData<string, AccountFilter, string, bool> Lists() => new()
    {
        { "first page by name", new AccountFilter(), "name", false },
        { "KA at risk by name", new AccountFilter(Tier: "KA", Stage: "at-risk"), "name", false },
        { "one CSM's book by health", new AccountFilter(CsmId: "csm-7"), "healthScore", false },
        { "red accounts, worst first", new AccountFilter(HealthBand: "red"), "healthScore", false },
        { "renewals due in a month", new AccountFilter(ContractEndFrom: new DateOnly(2026, 6, 1), ContractEndTo: new DateOnly(2026, 7, 1)), "contractEnd", false },
        { "latest changed", new AccountFilter(), "updatedAt", true },
        { "by contract end, descending", new AccountFilter(), "contractEnd", true },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task AccountListPage_100kAccounts_UsesAnIndex(string what, AccountFilter filter, string sort, bool descending)
    {
        await using var context = Db.Create();
        var page = AccountStore.Query(context, filter, sort, descending).Skip(0).Take(50).Select(a => new { a.Id, a.Json });
        var plan = await ExplainAsync(context, page.CreateDbCommand());
        Assert.True(plan.Contains("Index", StringComparison.Ordinal) && !plan.Contains("Seq Scan on accounts", StringComparison.Ordinal), $"{what}:\n{plan}");
    }

    [Fact]
    public async Task SelectiveCount_100kAccounts_UsesAnIndex()
    {
        await using var context = Db.Create();
        foreach (var filter in new[] { new AccountFilter(CsmId: "csm-7"), new AccountFilter(Tier: "KA", Stage: "at-risk"), new AccountFilter(ContractEndFrom: new DateOnly(2026, 6, 1), ContractEndTo: new DateOnly(2026, 6, 8)) })
        {
            var count = AccountStore.Query(context, filter, "id", false).GroupBy(_ => 1).Select(g => g.Count());
            var plan = await ExplainAsync(context, count.CreateDbCommand());
            Assert.True(!plan.Contains("Seq Scan on accounts", StringComparison.Ordinal), $"{filter}:\n{plan}");
        }
    }

    [Fact]
    public async Task Reports_100kAccounts_CountEveryAccount()
    {
        var ops = fixture.Host.Client();
        var health = await ops.GetJson("/api/reports/health?tag=bulk");
        Assert.Equal(100_000, (int)health["total"]!);
        Assert.Equal(100_000 / 11, (int)health["unscored"]!);
        Assert.Equal(33_333, (int)health["byTier"]!["KA"]!["total"]!);
        Assert.Equal(Enumerable.Range(1, 100_000).Count(g => g % 7 == 4), (int)(await ops.GetJson("/api/reports/at-risk?tag=bulk"))["count"]!);
        var page = await ops.GetJson("/api/accounts?tier=KA&stage=at-risk&sort=-healthScore&take=10");
        Assert.Equal(Enumerable.Range(1, 100_000).Count(g => g % 3 == 0 && g % 7 == 4), (int)page["total"]!);
        var first = await ops.GetJson("/api/accounts?q=bulk%20account%2099999");
        Assert.Equal("bulk-099999", (string)first["items"]![0]!["id"]!);
    }

    private static async Task<string> ExplainAsync(PlaybooksDbContext context, DbCommand command)
    {
        await context.Database.OpenConnectionAsync();
        command.CommandText = "EXPLAIN " + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync()) lines.Add(reader.GetString(0));
        return string.Join('\n', lines);
    }
}
