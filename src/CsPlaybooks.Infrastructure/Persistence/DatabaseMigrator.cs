using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>Applies the provider's EF Core migrations on start (never EnsureCreated).</summary>
public sealed class DatabaseMigrator(PlaybooksDb db, ILogger<DatabaseMigrator> log)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var context = db.Create();
        if (db.Provider == DatabaseProvider.Sqlite)
            await context.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        var pending = (await context.Database.GetPendingMigrationsAsync(ct)).ToList();
        if (pending.Count > 0) log.LogInformation("Applying {Count} database migration(s) on {Provider}: {Names}", pending.Count, db.Provider, string.Join(", ", pending));
        await context.Database.MigrateAsync(ct);
    }
}
