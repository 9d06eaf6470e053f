using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>SQLite: the embedded single-node default. Times are stored as sortable integers so due-time queries run in SQL.</summary>
public sealed class SqlitePlaybooksDbContext(DbContextOptions<SqlitePlaybooksDbContext> options) : PlaybooksDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Sqlite;

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        builder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetToBinaryConverter>();
    }
}

public sealed class PostgresPlaybooksDbContext(DbContextOptions<PostgresPlaybooksDbContext> options) : PlaybooksDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.Postgres;
}

public sealed class SqlServerPlaybooksDbContext(DbContextOptions<SqlServerPlaybooksDbContext> options) : PlaybooksDbContext(options)
{
    public override DatabaseProvider Provider => DatabaseProvider.SqlServer;
}

/// <summary>Design-time factories for `dotnet ef migrations add`; the connection strings are placeholders (no server needed).</summary>
public sealed class SqliteDesignFactory : IDesignTimeDbContextFactory<SqlitePlaybooksDbContext>
{
    public SqlitePlaybooksDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlitePlaybooksDbContext>().UseSqlite("Data Source=design.db").Options);
}

public sealed class PostgresDesignFactory : IDesignTimeDbContextFactory<PostgresPlaybooksDbContext>
{
    public PostgresPlaybooksDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresPlaybooksDbContext>().UseNpgsql("Host=localhost;Database=design").Options);
}

public sealed class SqlServerDesignFactory : IDesignTimeDbContextFactory<SqlServerPlaybooksDbContext>
{
    public SqlServerPlaybooksDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerPlaybooksDbContext>().UseSqlServer("Server=localhost;Database=design").Options);
}
