using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Persistence;

/// <summary>
/// Every SQLite connection the product opens waits for a locked database inside SQLite (busy_timeout, as long as the
/// connection's default timeout) rather than getting SQLITE_BUSY back and sleeping in the driver before a retry.
/// </summary>
public sealed class SqliteBusyTimeoutTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task ConnectionsOpenedByTheProduct_WaitInsideSqlite_ForTheDefaultTimeout()
    {
        var db = fixture.Host.Services.GetRequiredService<PlaybooksDb>();
        var expected = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.ConnectionString).DefaultTimeout * 1000;

        await using var context = db.Create();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA busy_timeout";
        var actual = Convert.ToInt32(await command.ExecuteScalarAsync());

        Assert.Equal(30_000, expected);
        Assert.Equal(expected, actual);
    }
}
