using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using System.Text.RegularExpressions;
using CsPlaybooks.TestIdp;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace CsPlaybooks.Designer.Tests.Support;

/// <summary>
/// The real host on a free Kestrel port (temp SQLite, empty workflows folder) serving the built designer, with a real
/// OpenID Connect provider (the test IdP: groups <c>cs-ops</c> → ops, <c>cs-managers</c> → csm), and a headless Debian
/// Chromium driven by Playwright. The first ops user is made through the setup link the host logs at start, as an
/// operator would; a CSM and a viewer are invited and accept. Pages sign in with the session cookie, like a person;
/// the test code's own HTTP calls (<see cref="Api"/>) use an ops API key, like a system. Shared by the tests of one
/// collection; each test makes its own data.
/// </summary>
public class DesignerHost : IAsyncLifetime
{
    /// <summary>The test code's key (a system's): setting up data through the API, never used by a page.</summary>
    public const string ApiKey = "e2e-ops-key-0123456789abcdef0123456789";
    /// <summary>The CSM the csm user acts as (named "Dana Reyes").</summary>
    public const string CsmId = "e2e-dana";
    public const string Password = "e2e password 0123456789";
    public const string OpsEmail = "e2e.ops@example.com";
    public const string CsmEmail = "e2e.csm@example.com";
    public const string ViewerEmail = "e2e.viewer@example.com";
    public const string OidcClientId = "csplaybooks";
    private const string OidcClientSecret = "e2e-oidc-secret";
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "csplaybooks-designer-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private readonly SetupLinkLog _setupLinks = new();
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public TestIdentityProvider Idp { get; private set; } = null!;
    public string ArtifactsDir { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");
    /// <summary>TestResults/screenshots at the repository root: kept as the run's artefacts.</summary>
    public string ScreenshotsDir { get; } = Path.Combine(RepositoryRoot(), "TestResults", "screenshots");
    /// <summary>The running host's services (e.g. the engine's compiler, as the truth a screen is compared with).</summary>
    public IServiceProvider Services => _factory!.Services;
    /// <summary>The host's Workflows:Directory/templates.</summary>
    public string TemplatesDirectory => Path.Combine(_root, "workflows", "templates");
    /// <summary>Emails the host sent (no SMTP configured: .eml files).</summary>
    public string PickupDirectory => Path.Combine(_root, "pickup");
    /// <summary>Whether the first ops user (and the CSM and viewer) exist once the fixture is up; false leaves the host at its first run.</summary>
    protected virtual bool FirstRunDone => true;
    /// <summary>Configuration a host of a test class adds (e.g. where a WireMock.Net stand-in of a service listens).</summary>
    protected virtual IReadOnlyDictionary<string, string> Settings => new Dictionary<string, string>();

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "workflows", "templates"));
        Directory.CreateDirectory(PickupDirectory);
        Directory.CreateDirectory(ArtifactsDir);
        Directory.CreateDirectory(ScreenshotsDir);
        Idp = await TestIdentityProvider.StartAsync();
        var port = FreePort();
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:ApiKeys:0:Key", ApiKey);
            b.UseSetting("Auth:ApiKeys:0:Role", "ops");
            b.UseSetting("Auth:ApiKeys:0:Name", "e2e");
            foreach (var (key, value) in Idp.HostSettings(OidcClientId, OidcClientSecret)) b.UseSetting(key, value);
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_root, "e2e.db")}");
            b.UseSetting("Workflows:Directory", Path.Combine(_root, "workflows"));
            // No SMTP: emails are written as .eml to the pickup folder and count as sent; any hour is a send hour.
            b.UseSetting("Email:PickupDirectory", PickupDirectory);
            b.UseSetting("Email:QuietHours:Enabled", "false");
            b.UseSetting("Email:UnsubscribeSecret", "e2e-unsubscribe-secret-0123456789abcdef");
            b.UseSetting("Email:PublicBaseUrl", $"http://127.0.0.1:{port}");
            b.ConfigureLogging(l => l.AddProvider(_setupLinks));
            foreach (var (key, value) in Settings) b.UseSetting(key, value);
        });
        // A free loopback port, chosen here (not UseKestrel(0)) so the links the host prints and emails point at itself.
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
        await Idp.RegisterClientAsync(OidcClientId, OidcClientSecret, BaseUrl + "/api/auth/oidc/callback");
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        var index = await Api.GetAsync("/");
        if (!index.IsSuccessStatusCode || !(await index.Content.ReadAsStringAsync()).Contains("<div id=\"root\">"))
            throw new InvalidOperationException($"The host does not serve the designer at / ({(int)index.StatusCode}); build it with `npm run build` in designer/ (the host's build does this unless SkipDesignerBuild=true).");
        if (FirstRunDone) await CreatePeopleAsync();

        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: apt-get install -y chromium (scripts/test-designer.sh does this). Never `playwright install`.");
        _playwright = await Playwright.CreateAsync();
        // PreloadTopChromeWebUI/WebUIOmniboxPopup: each new context would otherwise load Chromium's own omnibox UI
        // (hundreds of chrome:// files) while the page under test opens, which a user's running browser never does.
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-features=PreloadTopChromeWebUI,WebUIOmniboxPopup,WebUIOmniboxFullPopup"],
        });
    }

    /// <summary>The first ops user through the logged setup link; the CSM "Dana Reyes" with a csm user; a viewer.</summary>
    private async Task CreatePeopleAsync()
    {
        using var anonymous = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        await Expect(await anonymous.PostAsJsonAsync("/api/auth/setup", new { token = TokenOf(SetupLink()), email = OpsEmail, password = Password, displayName = "E2E Ops" }));
        await SendJsonAsync(HttpMethod.Put, $"/api/csms/{CsmId}", new { name = "Dana Reyes", email = "dana.reyes@vendor.example", touchModel = "high" });
        await CreateUserAsync("csm", CsmId, CsmEmail);
        await CreateUserAsync("viewer", email: ViewerEmail);
    }

    /// <summary>A person invited (through the API, as ops) who accepted with <see cref="Password"/>; a new address unless given.</summary>
    public async Task<string> CreateUserAsync(string role, string? csmId = null, string? email = null)
    {
        email ??= $"{role}-{Guid.NewGuid():N}"[..16] + "@example.com";
        var invitation = await SendJsonAsync(HttpMethod.Post, "/api/users/invitations", new { email, role, csmId });
        using var anonymous = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        await Expect(await anonymous.PostAsJsonAsync("/api/auth/invitations/accept", new { token = TokenOf((string)invitation!["inviteUrl"]!), password = Password }));
        return email;
    }

    /// <summary>The user with this email as GET /api/users lists them.</summary>
    public async Task<JsonNode> UserAsync(string email) =>
        (await GetJsonAsync("/api/users"))["items"]!.AsArray().Single(u => (string)u!["email"]! == email)!;

    /// <summary>The last setup link the host logged at start (as an operator reads it from the console).</summary>
    public string SetupLink() => _setupLinks.Last ?? throw new InvalidOperationException("the host logged no setup link");

    public static string TokenOf(string url) => Regex.Match(url, @"[?&]token=([A-Za-z0-9_-]+)").Groups[1].Value;

    /// <summary>
    /// A fresh page (its own cookies). With <paramref name="signedIn"/>, already signed in with the password form's call
    /// (POST /api/auth/login) as the user of <paramref name="role"/>: ops, csm (acts as <see cref="CsmId"/>) or viewer.
    /// </summary>
    public async Task<IPage> NewPageAsync(bool signedIn = true, int width = 1600, int height = 1000, string role = "ops")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        if (signedIn) await SignInAsync(context, EmailOf(role), Password);
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    public static string EmailOf(string role) => role switch { "ops" => OpsEmail, "csm" => CsmEmail, "viewer" => ViewerEmail, _ => throw new ArgumentOutOfRangeException(nameof(role)) };

    /// <summary>Signs the browser context in (the session cookie lands in its cookie jar).</summary>
    public async Task SignInAsync(IBrowserContext context, string email, string password)
    {
        var response = await context.APIRequest.PostAsync(BaseUrl + "/api/auth/login", new APIRequestContextOptions { DataObject = new { email, password } });
        Assert.True(response.Ok, $"sign-in as {email}: {response.Status} {await response.TextAsync()}");
    }

    /// <summary>An email template in the host's Workflows:Directory/templates (NAME.subject.liquid, NAME.text.liquid).</summary>
    public void WriteTemplate(string name, string subject, string text)
    {
        File.WriteAllText(Path.Combine(TemplatesDirectory, $"{name}.subject.liquid"), subject);
        File.WriteAllText(Path.Combine(TemplatesDirectory, $"{name}.text.liquid"), text);
    }

    /// <summary>The repository's shipped templates (workflows/templates) in the host's, so shipped playbooks validate.</summary>
    public void CopyShippedTemplates()
    {
        foreach (var template in Directory.GetFiles(Path.Combine(RepositoryRoot(), "workflows", "templates")))
            File.Copy(template, Path.Combine(TemplatesDirectory, Path.GetFileName(template)), overwrite: true);
    }

    /// <summary>Polls GET <paramref name="path"/> until <paramref name="until"/> holds (background work: outbox, delivery).</summary>
    public async Task<JsonNode> PollJsonAsync(string path, Func<JsonNode, bool> until, int seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (true)
        {
            var json = await GetJsonAsync(path);
            if (until(json)) return json;
            if (DateTime.UtcNow > deadline) throw new TimeoutException($"GET {path} did not reach the expected state in {seconds}s: {json.ToJsonString()}");
            await Task.Delay(200);
        }
    }

    public Task ScreenshotAsync(IPage page, string name) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotsDir, name + ".png"), FullPage = false });

    /// <summary>Runs axe on the page as it is: no serious or critical violation.</summary>
    public static async Task AssertAccessibleAsync(IPage page, string screen)
    {
        var result = await page.RunAxe();
        var bad = result.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        Assert.True(bad.Count == 0, $"{screen}: " + string.Join("\n", bad.Select(v =>
            $"{v.Id} ({v.Impact}): {v.Help} at {string.Join(", ", v.Nodes.Select(n => n.Target?.ToString()))}")));
    }

    public async Task<JsonNode> GetJsonAsync(string path)
    {
        var response = await Api.GetAsync(path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET {path}: {(int)response.StatusCode} {text}");
        return JsonNode.Parse(text)!;
    }

    public async Task<JsonNode?> SendJsonAsync(HttpMethod method, string path, object body)
    {
        using var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body) };
        return await Expect(await Api.SendAsync(request));
    }

    private static async Task<JsonNode?> Expect(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: {(int)response.StatusCode} {text}");
        return string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "CsPlaybooks.sln"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Api?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        if (Idp is not null) await Idp.DisposeAsync();
        try { Directory.Delete(_root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>A host at its first run: no user yet, only the setup link it logged.</summary>
public sealed class FirstRunDesignerHost : DesignerHost
{
    protected override bool FirstRunDone => false;
}

/// <summary>Keeps the setup link the host logs at start (a warning, as an operator sees it on the console).</summary>
internal sealed class SetupLinkLog : ILoggerProvider
{
    public string? Last { get; private set; }
    public ILogger CreateLogger(string categoryName) => new Logger(this);
    public void Dispose() { }

    private sealed class Logger(SetupLinkLog owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;
        public bool IsEnabled(LogLevel logLevel) => logLevel == LogLevel.Warning;
        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning && Regex.Match(formatter(state, exception), @"http\S+/setup\?token=[A-Za-z0-9_-]+") is { Success: true } link) owner.Last = link.Value;
        }
    }
}

[CollectionDefinition(Name)]
public sealed class DesignerCollection : ICollectionFixture<DesignerHost>
{
    public const string Name = "designer";
}
