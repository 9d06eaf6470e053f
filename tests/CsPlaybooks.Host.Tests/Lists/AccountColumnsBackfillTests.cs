using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Tests.Lists;

/// <summary>Accounts stored before the indexed columns existed get them from their documents when the migration runs.</summary>
public abstract class AccountColumnsBackfillTests(Db kind)
{
    private const string Before = "ListsAndWorkbench";

    [Fact]
    public async Task Migrate_ExistingAccounts_ColumnsFilledFromDocuments()
    {
        var database = TestDatabase.Create(kind);
        var db = new PlaybooksDb(Options.Create(new DatabaseOptions { Provider = database.Provider, ConnectionString = database.ConnectionString }));
        await using (var context = db.Create())
        {
            var migrator = context.GetService<IMigrator>();
            var previous = context.Database.GetMigrations().TakeWhile(m => !m.EndsWith(Before, StringComparison.Ordinal)).Last();
            await migrator.MigrateAsync(previous);
            const string full = """{"id":"old-1","name":"Old One","tier":"KA","stage":"at-risk","industry":"tourism","tags":["north","pilot"],"health":{"score":41.6,"band":"red"},"contract":{"start":"2025-01-01","end":"2026-06-30"},"reasons":{"renewal":{"cause":"value","at":"2026-01-02T00:00:00Z"},"non-renewal":{"cause":"budget","at":"2026-03-01T00:00:00Z"}}}""";
            const string bare = """{"id":"old-2","name":"Old Two"}""";
            await context.Database.ExecuteSqlRawAsync(
                "INSERT INTO accounts (id, name, json, revision, created_at, updated_at) VALUES ({0}, {1}, {2}, 1, {3}, {3}), ({4}, {5}, {6}, 1, {3}, {3})",
                "old-1", "Old One", full, kind == Db.Sqlite ? 0L : DateTimeOffset.UnixEpoch, "old-2", "Old Two", bare);
            await migrator.MigrateAsync();
        }
        await using (var context = db.Create())
        {
            var one = await context.Accounts.AsNoTracking().SingleAsync(a => a.Id == "old-1");
            Assert.Equal(("KA", "at-risk", "tourism", "red", 42), (one.Tier, one.Stage, one.Industry, one.HealthBand, one.HealthScore));
            Assert.Equal(new DateOnly(2026, 6, 30), one.ContractEnd);
            Assert.Equal("|north|pilot|", one.Tags);
            Assert.False(one.Renewed);
            var two = await context.Accounts.AsNoTracking().SingleAsync(a => a.Id == "old-2");
            Assert.Equal((null, null, null, null, null, null, null, null), (two.Tier, two.Stage, two.Industry, two.HealthBand, two.HealthScore, two.ContractEnd, two.Tags, two.Renewed));
        }
    }
}

public sealed class SqliteAccountColumnsBackfillTests() : AccountColumnsBackfillTests(Db.Sqlite);

public sealed class PostgresAccountColumnsBackfillTests() : AccountColumnsBackfillTests(Db.Postgres);
