using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>Creates a context for the configured provider; one context per unit of work (a burst, a request).</summary>
public sealed class PlaybooksDb
{
    private readonly Func<PlaybooksDbContext> _create;

    public PlaybooksDb(IOptions<DatabaseOptions> options)
    {
        var o = options.Value;
        Provider = o.Provider;
        ConnectionString = o.Provider == DatabaseProvider.Sqlite ? SqliteConnectionString(o.ConnectionString) : o.ConnectionString;
        _create = o.Provider switch
        {
            DatabaseProvider.Sqlite => Build<SqlitePlaybooksDbContext>(b => b.UseSqlite(ConnectionString), opts => new SqlitePlaybooksDbContext(opts)),
            DatabaseProvider.Postgres => Build<PostgresPlaybooksDbContext>(b => b.UseNpgsql(ConnectionString), opts => new PostgresPlaybooksDbContext(opts)),
            DatabaseProvider.SqlServer => Build<SqlServerPlaybooksDbContext>(b => b.UseSqlServer(ConnectionString), opts => new SqlServerPlaybooksDbContext(opts)),
            _ => throw new InvalidOperationException($"unknown database provider {o.Provider}"),
        };
    }

    public DatabaseProvider Provider { get; }
    public string ConnectionString { get; }

    public PlaybooksDbContext Create() => _create();

    private static Func<PlaybooksDbContext> Build<T>(Action<DbContextOptionsBuilder<T>> configure, Func<DbContextOptions<T>, T> factory) where T : PlaybooksDbContext
    {
        var builder = new DbContextOptionsBuilder<T>();
        configure(builder);
        var options = builder.Options;
        return () => factory(options);
    }

    /// <summary>Makes the directory of a SQLite file and gives writers a generous busy timeout.</summary>
    private static string SqliteConnectionString(string connectionString)
    {
        var csb = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString);
        if (csb.DataSource is { Length: > 0 } file && file != ":memory:" && Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir)
            Directory.CreateDirectory(dir);
        if (csb.DefaultTimeout < 30) csb.DefaultTimeout = 30;
        return csb.ToString();
    }
}
