using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;
using MimeKit.Utils;

namespace CsPlaybooks.Faults.Tests.Support;

/// <summary>One message as the SMTP server stored it (headers only).</summary>
public sealed record Arrival(string File, string MessageId, string To, string Subject, string? ListUnsubscribe);

/// <summary>
/// A real SMTP server (aiosmtpd, Debian python3-aiosmtpd run with /usr/bin/python3) on a port of its own that can be
/// stopped (SIGKILL) and started again on the same port, as often as a test likes. Every message it answers 250 to is
/// a file in its Maildir first, so <see cref="Arrivals"/> counts exactly what the server accepted, per Message-ID.
/// </summary>
public sealed class SmtpSink : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, Arrival> _parsed = new();
    private readonly string _root;
    private Process? _process;

    public SmtpSink()
    {
        Port = FreePort.Next();
        _root = Directory.CreateTempSubdirectory("csplaybooks-faults-smtp-").FullName;
        // aiosmtpd's Mailbox creates cur/new/tmp only when the folder does not exist yet.
        Maildir = Path.Combine(_root, "Maildir");
    }

    public int Port { get; }
    private string Maildir { get; }
    private bool IsRunning => _process is { HasExited: false };

    public async Task StartAsync()
    {
        if (IsRunning) return;
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "aiosmtpd.handlers.Mailbox", Maildir })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start aiosmtpd");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(20))
        {
            if (_process.HasExited) throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}; is python3-aiosmtpd installed?");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                using var reader = new StreamReader(client.GetStream());
                if ((await reader.ReadLineAsync())?.StartsWith("220") == true) return;
            }
            catch (Exception e) when (e is SocketException or IOException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"aiosmtpd did not accept connections on port {Port}");
    }

    /// <summary>Kills the server (connections in flight are cut); messages already accepted stay in the Maildir.</summary>
    public async Task StopAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
        _process = null;
    }

    /// <summary>Every message accepted so far (each file once; parsed headers are cached).</summary>
    public IReadOnlyList<Arrival> Arrivals()
    {
        var dir = Path.Combine(Maildir, "new");
        if (!Directory.Exists(dir)) return [];
        foreach (var file in Directory.GetFiles(dir))
        {
            if (_parsed.ContainsKey(file)) continue;
            using var stream = File.OpenRead(file);
            var headers = HeaderList.Load(stream);
            var to = InternetAddressList.TryParse(headers[HeaderId.To] ?? "", out var list) ? list.Mailboxes.FirstOrDefault()?.Address ?? "" : "";
            _parsed[file] = new Arrival(file, MimeUtils.EnumerateReferences(headers[HeaderId.MessageId] ?? "").FirstOrDefault() ?? "",
                to.ToLowerInvariant(), headers[HeaderId.Subject] ?? "", headers["List-Unsubscribe"]);
        }
        return _parsed.Values.ToList();
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
    }
}
