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
        ConnectionString = o.Provider switch
        {
            DatabaseProvider.Sqlite => SqliteConnectionString(o.ConnectionString),
            DatabaseProvider.Postgres => PostgresConnectionString(o.ConnectionString),
            _ => o.ConnectionString,
        };
        _create = o.Provider switch
        {
            DatabaseProvider.Sqlite => Build<SqlitePlaybooksDbContext>(b => b.UseSqlite(ConnectionString).AddInterceptors(
                new SqliteBusyTimeout(new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(ConnectionString).DefaultTimeout * 1000)), opts => new SqlitePlaybooksDbContext(opts)),
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

    /// <summary>
    /// Unless the connection string says otherwise: statements used more than once are prepared on the server (the same
    /// few statements run thousands of times a second; parsing them again each time cost server CPU) but planned for
    /// each execution's values (plan_cache_mode): a generic plan made while a table was nearly empty stays a sequential
    /// scan as the table grows — the bench saw every posted event scan the whole events table; and a connection going
    /// back to the pool is not reset with DISCARD ALL (a round trip per unit of work, and it would drop the prepared
    /// statements; we keep no session state: the start-up lock is released explicitly, and everything else runs in
    /// transactions).
    /// </summary>
    private static string PostgresConnectionString(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        var csb = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        var missing = false;
        if (!Has(given, "Max Auto Prepare", "MaxAutoPrepare")) (csb.MaxAutoPrepare, missing) = (64, true);
        if (!Has(given, "Auto Prepare Min Usages", "AutoPrepareMinUsages")) (csb.AutoPrepareMinUsages, missing) = (2, true);
        if (!Has(given, "No Reset On Close", "NoResetOnClose")) (csb.NoResetOnClose, missing) = (true, true);
        if (csb.Options?.Contains("plan_cache_mode") != true) (csb.Options, missing) = ($"{csb.Options} -c plan_cache_mode=force_custom_plan".Trim(), true);
        // Unchanged when it says all four: Npgsql pools by the string's text, so anyone else using it shares our pool.
        return missing ? csb.ToString() : connectionString;
    }

    private static bool Has(System.Data.Common.DbConnectionStringBuilder given, params string[] keys) => keys.Any(given.ContainsKey);

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
