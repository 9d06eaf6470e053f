using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace CsPlaybooks.Host.Tests.Email;

/// <summary>
/// A real SMTP server for tests: aiosmtpd (Debian python3-aiosmtpd, run with /usr/bin/python3) writing every message
/// it accepts to a Maildir (smtp_test_handler.py: recipients named reject-550… / reject-451… are refused with that
/// status, as real servers do). Can be created on a port without starting, to test "SMTP down, then up".
/// </summary>
public sealed class SmtpTestServer : IAsyncDisposable
{
    private Process? _process;

    public SmtpTestServer()
    {
        Port = FreePort();
        // aiosmtpd's Mailbox creates cur/new/tmp only when the folder does not exist yet.
        Maildir = Path.Combine(Directory.CreateTempSubdirectory("csplaybooks-maildir-").FullName, "Maildir");
    }

    public int Port { get; }
    public string Maildir { get; }

    public static async Task<SmtpTestServer> StartNewAsync()
    {
        var server = new SmtpTestServer();
        await server.StartAsync();
        return server;
    }

    public async Task StartAsync()
    {
        var start = new ProcessStartInfo("/usr/bin/python3")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "-m", "aiosmtpd", "-n", "-l", $"127.0.0.1:{Port}", "-c", "smtp_test_handler.RejectingMailbox", Maildir })
            start.ArgumentList.Add(arg);
        start.Environment["PYTHONPATH"] = Path.Combine(AppContext.BaseDirectory, "Email");
        _process = Process.Start(start) ?? throw new InvalidOperationException("could not start aiosmtpd");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"aiosmtpd exited with {_process.ExitCode}; is python3-aiosmtpd installed?");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                using var reader = new StreamReader(client.GetStream());
                if ((await reader.ReadLineAsync())?.StartsWith("220") == true) return;
            }
            catch (SocketException)
            {
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"aiosmtpd did not accept connections on port {Port}");
    }

    /// <summary>Every message received so far, oldest first.</summary>
    public IReadOnlyList<MimeMessage> Messages()
    {
        var dir = Path.Combine(Maildir, "new");
        if (!Directory.Exists(dir)) return [];
        return Directory.GetFiles(dir).Select(f => new FileInfo(f)).OrderBy(f => f.LastWriteTimeUtc).Select(f => MimeMessage.Load(f.FullName)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is { HasExited: false })
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process?.Dispose();
        try { Directory.Delete(Path.GetDirectoryName(Maildir)!, recursive: true); } catch (IOException) { }
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }
}
