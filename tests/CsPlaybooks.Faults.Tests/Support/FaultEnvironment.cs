using Npgsql;

namespace CsPlaybooks.Faults.Tests.Support;

/// <summary>
/// What one fault test runs against: a fresh database on the suite's PostgreSQL server, an SMTP server of its own
/// (started or not), a workflows folder with the email templates, and the settings every host of the test shares
/// (short polls, short leases, no quiet hours, no frequency cap unless a test sets one).
/// </summary>
public sealed class FaultEnvironment : IAsyncDisposable
{
    public const string OpsKey = "faults-ops-key-000000000000000000000000";
    private readonly List<HostProcess> _hosts = [];
    private readonly string _workflows;
    private readonly Dictionary<string, string> _settings;

    private FaultEnvironment(string connectionString, SmtpSink smtp)
    {
        ConnectionString = connectionString;
        Smtp = smtp;
        _workflows = Directory.CreateTempSubdirectory("csplaybooks-faults-wf-").FullName;
        var templates = Directory.CreateDirectory(Path.Combine(_workflows, "templates")).FullName;
        File.WriteAllText(Path.Combine(templates, "welcome.subject.liquid"), "Welcome, {{ account.name }}");
        File.WriteAllText(Path.Combine(templates, "welcome.text.liquid"), "Hello {{ recipient.name }}, welcome aboard.");
        _settings = new()
        {
            ["Database:Provider"] = "Postgres",
            ["Database:ConnectionString"] = connectionString,
            ["Workflows:Directory"] = _workflows,
            ["Auth:ApiKeys:0:Key"] = OpsKey,
            ["Auth:ApiKeys:0:Role"] = "ops",
            ["Auth:ApiKeys:0:Name"] = "fault suite",
            ["Email:Smtp:Host"] = "127.0.0.1",
            ["Email:Smtp:Port"] = smtp.Port.ToString(),
            ["Email:Smtp:UseTls"] = "false",
            ["Email:Smtp:Timeout"] = "00:00:05",
            ["Email:PublicBaseUrl"] = "http://127.0.0.1",
            ["Email:PickupDirectory"] = Path.Combine(_workflows, "pickup"),
            ["Email:QuietHours:Enabled"] = "false",
            ["Email:Cap:MaxEmails"] = "0",
            ["Timers:PollInterval"] = "00:00:00.100",
            ["Outbox:PollInterval"] = "00:00:00.100",
            ["Events:PollInterval"] = "00:00:00.100",
            ["Outbox:FirstBackoff"] = "00:00:00.200",
            ["Outbox:MaxBackoff"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Logging:Console:TimestampFormat"] = "HH:mm:ss.fff ",
            ["Logging:LogLevel:CsPlaybooks"] = "Information",
            ["Logging:LogLevel:Quartz"] = "Information",
            ["Logging:LogLevel:Microsoft.EntityFrameworkCore.Migrations"] = "Information",
            ["Logging:LogLevel:Microsoft.Hosting.Lifetime"] = "Information",
        };
    }

    /// <summary>Timer, outbox and event leases of the hosts a test kills: how long a killed node's claims stay stranded.</summary>
    public static TimeSpan Lease { get; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Short leases (<see cref="Lease"/>) for tests that kill hosts. Other tests keep the defaults: on a busy machine a
    /// send can outlast a 5 s lease, and another pump then sends it again (same Message-ID, counted) — allowed, but
    /// not what those tests are about.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ShortLeases { get; } = new Dictionary<string, string>
    {
        ["Timers:Lease"] = Lease.ToString(), ["Outbox:Lease"] = Lease.ToString(), ["Events:Lease"] = Lease.ToString(),
    };

    public string ConnectionString { get; }
    public SmtpSink Smtp { get; }

    public static async Task<FaultEnvironment> CreateAsync(bool smtpRunning = true)
    {
        var connection = await Task.Run(() => CsPlaybooks.Testing.PostgresServer.Instance.CreateDatabase("faults"));
        var smtp = new SmtpSink();
        if (smtpRunning) await smtp.StartAsync();
        return new FaultEnvironment(connection, smtp);
    }

    /// <summary>A host process on this environment (not started); <paramref name="overrides"/> replace shared settings.</summary>
    public HostProcess NewHost(string name, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var settings = new Dictionary<string, string>(_settings);
        foreach (var (key, value) in overrides ?? new Dictionary<string, string>()) settings[key] = value;
        var host = new HostProcess(name, settings);
        _hosts.Add(host);
        return host;
    }

    public async Task<HostProcess> StartHostAsync(string name, IReadOnlyDictionary<string, string>? overrides = null)
    {
        var host = NewHost(name, overrides);
        await host.StartAsync();
        return host;
    }

    private async Task<NpgsqlConnection> OpenDatabaseAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    /// <summary>One number from the database (count, sum…).</summary>
    public async Task<long> CountAsync(string sql)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync() ?? 0L);
    }

    /// <summary>Rows of the first two columns of a query, as strings.</summary>
    public async Task<List<(string A, string B)>> PairsAsync(string sql)
    {
        await using var connection = await OpenDatabaseAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string)>();
        while (await reader.ReadAsync()) rows.Add((Convert.ToString(reader.GetValue(0))!, Convert.ToString(reader.GetValue(1))!));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts) await host.DisposeAsync();
        await Smtp.DisposeAsync();
        try { Directory.Delete(_workflows, recursive: true); } catch (IOException) { }
    }
}
