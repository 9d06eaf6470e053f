using System.Diagnostics;

namespace CsPlaybooks.Faults.Tests.Support;

/// <summary>
/// The real host as a separate OS process: <c>dotnet CsPlaybooks.Host.dll</c> from the build output, configured only by
/// environment variables (<c>Section__Key</c>), listening on a loopback port of its own that stays the same across
/// restarts. <see cref="Kill"/> is SIGKILL (no shutdown, no flush); <see cref="StartAsync"/> waits for /health/ready.
/// Its output goes to a log file next to the test results, kept for diagnosis.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Dictionary<string, string> _settings;
    private Process? _process;
    private StreamWriter? _log;

    public HostProcess(string name, IReadOnlyDictionary<string, string> settings)
    {
        Name = name;
        Port = FreePort.Next();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        _settings = new Dictionary<string, string>(settings) { ["Urls"] = BaseAddress.ToString().TrimEnd('/') };
        LogFile = Path.Combine(FaultFigures.ResultsDirectory, "host-logs", $"{name}-{Guid.NewGuid().ToString("N")[..6]}.log");
        Directory.CreateDirectory(Path.GetDirectoryName(LogFile)!);
    }

    public string Name { get; }
    public int Port { get; }
    public Uri BaseAddress { get; }
    public string LogFile { get; }
    public int Starts { get; private set; }
    public int Kills { get; private set; }
    private bool IsRunning => _process is { HasExited: false };
    /// <summary>The running process's id (part of the node id the host writes into its claims).</summary>
    public int ProcessId => _process?.Id ?? throw new InvalidOperationException($"{Name} is not running");
    /// <summary>Seconds from process start to /health/ready, per start.</summary>
    public List<double> ReadySeconds { get; } = [];

    /// <summary>The host build output next to this assembly's (same configuration and framework).</summary>
    public static string HostDll
    {
        get
        {
            var tests = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd('/'));
            // tests/CsPlaybooks.Faults.Tests/bin/<Configuration>/<tfm> → src/CsPlaybooks.Host/bin/<Configuration>/<tfm>
            var (tfm, configuration) = (tests.Name, tests.Parent!.Name);
            var root = tests.Parent!.Parent!.Parent!.Parent!.Parent!.FullName;
            var dll = Path.Combine(root, "src", "CsPlaybooks.Host", "bin", configuration, tfm, "CsPlaybooks.Host.dll");
            if (!File.Exists(dll)) throw new FileNotFoundException($"the host is not built at {dll}: build CsPlaybooks.sln (-c {configuration}) first", dll);
            return dll;
        }
    }

    /// <summary>Starts the process (with <paramref name="extra"/> settings for this start only) and waits until it is ready.</summary>
    public async Task StartAsync(IReadOnlyDictionary<string, string>? extra = null)
    {
        if (IsRunning) throw new InvalidOperationException($"{Name} is already running");
        var dll = HostDll;
        // The muxer that runs these tests (the SDK sets DOTNET_HOST_PATH), else dotnet from PATH.
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } muxer && File.Exists(muxer) ? muxer : "dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(dll)!, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        start.ArgumentList.Add(dll);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in _settings.Concat(extra ?? new Dictionary<string, string>()))
            start.Environment[key.Replace(":", "__")] = value;

        _log ??= new StreamWriter(LogFile, append: true) { AutoFlush = true };
        await WriteLogAsync($"==== start {Starts + 1} of {Name} at {DateTime.UtcNow:O}" + (extra is { Count: > 0 } ? $" with {string.Join(", ", extra.Select(e => $"{e.Key}={e.Value}"))}" : ""));
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) _ = WriteLogAsync(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) _ = WriteLogAsync(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        _process = process;
        Starts++;
        await WaitReadyAsync();
    }

    /// <summary>SIGKILL (Process.Kill on Linux), then waits until the process is gone.</summary>
    public async Task KillAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill();
            Kills++;
        }
        await _process.WaitForExitAsync();
        await WriteLogAsync($"==== killed {Name} (SIGKILL) at {DateTime.UtcNow:O}");
        _process.Dispose();
        _process = null;
    }

    /// <summary>True when the process ended by itself within <paramref name="timeout"/> (e.g. a fault point killed it).</summary>
    public async Task<bool> ExitedWithinAsync(TimeSpan timeout)
    {
        if (_process is null) return true;
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cts.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>Forgets a process that ended by itself so the host can be started again.</summary>
    public void Reap()
    {
        if (_process is { HasExited: true })
        {
            _process.Dispose();
            _process = null;
        }
    }

    public HttpClient Client(string? apiKey = FaultEnvironment.OpsKey, TimeSpan? timeout = null)
    {
        var client = new HttpClient { BaseAddress = BaseAddress, Timeout = timeout ?? TimeSpan.FromSeconds(30) };
        if (apiKey is not null) client.DefaultRequestHeaders.Add("X-Api-Key", apiKey);
        return client;
    }

    private async Task WaitReadyAsync()
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (_process is not { HasExited: false })
                throw new InvalidOperationException($"{Name} exited during start-up; see {LogFile}:\n{Tail()}");
            try
            {
                if ((await http.GetAsync("/health/ready")).IsSuccessStatusCode)
                {
                    ReadySeconds.Add(Math.Round(clock.Elapsed.TotalSeconds, 2));
                    return;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"{Name} was not ready within 90 s; see {LogFile}:\n{Tail()}");
    }

    /// <summary>Lines of this host's log (all its starts) containing <paramref name="text"/>.</summary>
    public int CountLogLines(string text)
    {
        _log?.Flush();
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        var count = 0;
        while (reader.ReadLine() is { } line) if (line.Contains(text, StringComparison.Ordinal)) count++;
        return count;
    }

    private string Tail()
    {
        _log?.Flush();
        try
        {
            using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            return string.Join('\n', new StreamReader(stream).ReadToEnd().Split('\n').TakeLast(40));
        }
        catch (IOException)
        {
            return "";
        }
    }

    private readonly SemaphoreSlim _logGate = new(1, 1);

    private async Task WriteLogAsync(string line)
    {
        await _logGate.WaitAsync();
        try { if (_log is not null) await _log.WriteLineAsync(line); }
        catch (ObjectDisposedException) { }
        finally { _logGate.Release(); }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        await _logGate.WaitAsync();
        try
        {
            if (_log is not null) await _log.DisposeAsync();
            _log = null;
        }
        finally { _logGate.Release(); }
    }
}
