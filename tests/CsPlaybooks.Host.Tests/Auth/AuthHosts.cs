using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CsPlaybooks.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Host.Tests.Auth;

/// <summary>Log lines the host wrote, so a test can read what an operator would see (the first-run setup link).</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => true;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Entries.Enqueue((category, logLevel, formatter(state, exception)));
    }
}

/// <summary>
/// A host for sign-in tests: its own pickup folder for emails, captured logs, a known public URL. Unless
/// <see cref="CreateOpsUser"/> is false, the first ops user is created through the first-run setup link at start.
/// </summary>
public abstract class AuthHostFixture : HostFixture
{
    public const string PublicBaseUrl = "http://csplaybooks.test";
    public const string OpsEmail = "first.ops@example.com";
    public const string OpsPassword = "first ops password 1";

    public CapturedLogs Logs { get; } = new();
    public string PickupDirectory { get; } = Directory.CreateTempSubdirectory("csplaybooks-mail-").FullName;
    protected virtual bool CreateOpsUser => true;

    /// <summary>A viewer key given in configuration only by its SHA-256 (<c>Auth:ApiKeys:n:KeyHash</c>).</summary>
    public const string HashedViewerKey = "configured-by-hash-viewer-key-000000000";

    protected override void Configure(IWebHostBuilder builder)
    {
        var hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(HashedViewerKey)));
        builder.UseSetting("Auth:ApiKeys:4:KeyHash", "sha256:" + hash);
        builder.UseSetting("Auth:ApiKeys:4:Role", "viewer");
        builder.UseSetting("Auth:ApiKeys:4:Name", "hashed viewer");
        builder.UseSetting("Email:PickupDirectory", PickupDirectory);
        builder.UseSetting("Email:PublicBaseUrl", PublicBaseUrl);
        builder.ConfigureLogging(l => l.AddProvider(Logs));
    }

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        if (!CreateOpsUser) return;
        var browser = NewBrowser();
        await (await browser.Client.PostJson("/api/auth/setup", new { token = SetupToken(), email = OpsEmail, password = OpsPassword })).Expect(201);
    }

    /// <summary>The token of the last setup link the host logged (at warning level, as an operator sees it).</summary>
    public string SetupToken()
    {
        var line = Logs.Entries.LastOrDefault(e => e.Level == LogLevel.Warning && e.Message.Contains("/setup?token=")).Message
            ?? throw new InvalidOperationException("the host logged no setup link");
        return Regex.Match(line, @"/setup\?token=([A-Za-z0-9_-]+)").Groups[1].Value;
    }

    /// <summary>A browser-like client: keeps cookies, sends the antiforgery header once it has one.</summary>
    public Browser NewBrowser()
    {
        var cookies = new CookieContainerHandler();
        return new Browser(Host.CreateDefaultClient(cookies), cookies.Container);
    }

    public async Task<Browser> SignedIn(string email, string password)
    {
        var browser = NewBrowser();
        await browser.SignInAsync(email, password);
        return browser;
    }

    public Task<Browser> SignedInOps() => SignedIn(OpsEmail, OpsPassword);

    /// <summary>Invites a person (as ops), reads the token from the answer's link, and sets their password.</summary>
    /// <param name="inviter">Who invites (default: the first ops user, signed in for this).</param>
    public async Task<Browser> InvitedAndSignedIn(string role, string? csmId = null, string password = "a long enough password", HttpClient? inviter = null)
    {
        inviter ??= (await SignedInOps()).Client;
        var email = $"{Samples.NewId(role)}@example.com";
        var invitation = await (await inviter.PostJson("/api/users/invitations", new { email, role, csmId })).Expect(201);
        var browser = NewBrowser();
        await (await browser.Client.PostJson("/api/auth/invitations/accept", new { token = TokenOf((string)invitation["inviteUrl"]!), password })).Expect(200);
        await browser.RefreshAntiforgeryAsync();
        browser.Email = email;
        return browser;
    }

    public static string TokenOf(string url) => Regex.Match(url, @"[?&]token=([A-Za-z0-9_-]+)").Groups[1].Value;
}

public sealed class Browser(HttpClient client, CookieContainer cookies)
{
    public HttpClient Client { get; } = client;
    public CookieContainer Cookies { get; } = cookies;
    public string? Email { get; set; }

    public async Task<JsonNode> SignInAsync(string email, string password)
    {
        var body = await (await Client.PostJson("/api/auth/login", new { email, password })).Expect(200);
        await RefreshAntiforgeryAsync();
        Email = email;
        return body;
    }

    /// <summary>What the designer does after signing in: fetch the antiforgery token and send it on every call.</summary>
    public async Task RefreshAntiforgeryAsync()
    {
        var token = (string)(await Client.GetFromJsonAsync<JsonObject>("/api/auth/antiforgery"))!["token"]!;
        Client.DefaultRequestHeaders.Remove("X-CSRF-TOKEN");
        Client.DefaultRequestHeaders.Add("X-CSRF-TOKEN", token);
    }
}

public sealed class SqliteAuthHost : AuthHostFixture { public override Db Kind => Db.Sqlite; }
public sealed class PostgresAuthHost : AuthHostFixture { public override Db Kind => Db.Postgres; }
public sealed class SqliteAuthClockHost : AuthHostFixture { public override Db Kind => Db.Sqlite; protected override bool VirtualClock => true; }
public sealed class PostgresAuthClockHost : AuthHostFixture { public override Db Kind => Db.Postgres; protected override bool VirtualClock => true; }
public sealed class SqliteFirstRunHost : AuthHostFixture { public override Db Kind => Db.Sqlite; protected override bool CreateOpsUser => false; }
public sealed class PostgresFirstRunHost : AuthHostFixture { public override Db Kind => Db.Postgres; protected override bool CreateOpsUser => false; }
