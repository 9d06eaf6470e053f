using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace CsPlaybooks.Testing;

/// <summary>
/// A throw-away PostgreSQL server for tests and benchmarks: initdb into a temp folder, start on a free loopback
/// port, stop at process exit. Uses the Debian PostgreSQL binaries (/usr/lib/postgresql/N/bin); as root it runs
/// them as the postgres user (initdb refuses root). Set CSPLAYBOOKS_POSTGRES to use an existing server instead.
/// </summary>
public sealed class PostgresServer
{
    private static readonly Lazy<PostgresServer> Shared = new(() => Start(fsync: false));
    private readonly string? _dataDir;
    private readonly string? _binDir;

    private PostgresServer(string adminConnectionString, string? dataDir, string? binDir)
    {
        AdminConnectionString = adminConnectionString;
        _dataDir = dataDir;
        _binDir = binDir;
    }

    /// <summary>One server per process (fsync off: tests need correctness, not durability of the test data).</summary>
    public static PostgresServer Instance => Shared.Value;

    /// <summary>
    /// Connection string to the "postgres" database as superuser. It states the settings the product would add
    /// (PlaybooksDb), so the product and the tests' own queries on a database share one connection pool.
    /// </summary>
    public string AdminConnectionString { get; }

    /// <param name="extraSettings">more server settings, e.g. "-c shared_preload_libraries=pg_stat_statements"</param>
    public static PostgresServer Start(bool fsync, string extraSettings = "")
    {
        if (Environment.GetEnvironmentVariable("CSPLAYBOOKS_POSTGRES") is { Length: > 0 } external)
            return new PostgresServer(external, null, null);

        var binDir = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "initdb"))).OrderDescending().FirstOrDefault()
            : null;
        if (binDir is null)
            throw new InvalidOperationException("PostgreSQL server binaries not found under /usr/lib/postgresql/*/bin; install postgresql (./test.sh does) or set CSPLAYBOOKS_POSTGRES to a connection string");

        var dataDir = Path.Combine(Path.GetTempPath(), $"csplaybooks-pg-{Environment.ProcessId}-{Guid.NewGuid():N}"[..40]);
        Directory.CreateDirectory(dataDir);
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", $"-R postgres:postgres {dataDir}");
        var port = FreePort();
        Pg(binDir, asRoot, "initdb", $"-D {dataDir} -U postgres --auth=trust -E UTF8 --no-locale");
        var settings = $"-c listen_addresses=127.0.0.1 -p {port} -k {dataDir} -c max_connections=600 -c fsync={(fsync ? "on" : "off")} -c synchronous_commit={(fsync ? "on" : "off")} -c full_page_writes={(fsync ? "on" : "off")} {extraSettings}";
        Pg(binDir, asRoot, "pg_ctl", $"-D {dataDir} -l {dataDir}/server.log -o \"{settings}\" -w -t 60 start");
        var server = new PostgresServer($"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=true;Maximum Pool Size=100;Max Auto Prepare=64;Auto Prepare Min Usages=2;No Reset On Close=true;Options=-c plan_cache_mode=force_custom_plan", dataDir, binDir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => server.Stop();
        return server;
    }

    /// <summary>The server's main process (postmaster), or null for an external server; benchmarks read its CPU time.</summary>
    public int? ServerProcessId =>
        _dataDir is not null && File.Exists(Path.Combine(_dataDir, "postmaster.pid"))
            ? int.Parse(File.ReadLines(Path.Combine(_dataDir, "postmaster.pid")).First())
            : null;

    /// <summary>Creates a fresh database and returns its connection string.</summary>
    public string CreateDatabase(string prefix = "t")
    {
        var name = $"{prefix}_{Guid.NewGuid():N}"[..30];
        using var connection = new Npgsql.NpgsqlConnection(AdminConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"CREATE DATABASE {name}";
        command.ExecuteNonQuery();
        return new Npgsql.NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ToString();
    }

    public void Stop()
    {
        if (_dataDir is null || _binDir is null || !Directory.Exists(_dataDir)) return;
        try
        {
            Pg(_binDir, Environment.UserName == "root", "pg_ctl", $"-D {_dataDir} -m immediate -w stop");
            Directory.Delete(_dataDir, recursive: true);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"could not stop the test PostgreSQL in {_dataDir}: {e.Message}");
        }
    }

    private static void Pg(string binDir, bool asRoot, string tool, string args)
    {
        var exe = Path.Combine(binDir, tool);
        if (asRoot) Run("runuser", $"-u postgres -- {exe} {args}");
        else Run(exe, args);
    }

    private static void Run(string file, string args)
    {
        var psi = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(120_000)) throw new TimeoutException($"{file} {args} did not finish in 2 minutes");
        if (p.ExitCode != 0) throw new InvalidOperationException($"{file} {args} failed ({p.ExitCode}): {stderr.Result}{stdout.Result}");
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
