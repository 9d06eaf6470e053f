using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace CsPlaybooks.Designer.Tests.Support;

/// <summary>
/// The real host on a free Kestrel port (temp SQLite, empty workflows folder; an ops, a CSM and a viewer key) serving the built designer,
/// and a headless Debian Chromium driven by Playwright. Shared by the tests of one collection; each test makes its own data.
/// </summary>
public sealed class DesignerHost : IAsyncLifetime
{
    public const string ApiKey = "e2e-ops-key-0123456789abcdef0123456789";
    /// <summary>A csm key for the CSM <see cref="CsmKeyCsmId"/> (tests create that CSM through /api/csms when they need its name).</summary>
    public const string CsmKey = "e2e-csm-key-0123456789abcdef0123456789";
    public const string CsmKeyCsmId = "e2e-dana";
    public const string ViewerKey = "e2e-viewer-key-0123456789abcdef01234567";
    private const string ChromiumPath = "/usr/bin/chromium";

    private readonly string _root = Path.Combine(Path.GetTempPath(), "csplaybooks-designer-e2e-" + Guid.NewGuid().ToString("N")[..8]);
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public string BaseUrl { get; private set; } = "";
    public IBrowser Browser { get; private set; } = null!;
    public HttpClient Api { get; private set; } = null!;
    public string ArtifactsDir { get; } = Path.Combine(AppContext.BaseDirectory, "artifacts");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_root, "workflows", "templates"));
        Directory.CreateDirectory(Path.Combine(_root, "pickup"));
        Directory.CreateDirectory(ArtifactsDir);
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseSetting("Auth:ApiKeys:0:Key", ApiKey);
            b.UseSetting("Auth:ApiKeys:0:Role", "ops");
            b.UseSetting("Auth:ApiKeys:0:Name", "e2e");
            b.UseSetting("Auth:ApiKeys:1:Key", CsmKey);
            b.UseSetting("Auth:ApiKeys:1:Role", "csm");
            b.UseSetting("Auth:ApiKeys:1:Name", "dana key");
            b.UseSetting("Auth:ApiKeys:1:CsmId", CsmKeyCsmId);
            b.UseSetting("Auth:ApiKeys:2:Key", ViewerKey);
            b.UseSetting("Auth:ApiKeys:2:Role", "viewer");
            b.UseSetting("Auth:ApiKeys:2:Name", "e2e viewer");
            b.UseSetting("Database:Provider", "Sqlite");
            b.UseSetting("Database:ConnectionString", $"Data Source={Path.Combine(_root, "e2e.db")}");
            b.UseSetting("Workflows:Directory", Path.Combine(_root, "workflows"));
            b.UseSetting("Auth:LocalKeyFile", Path.Combine(_root, "local-api-key.txt"));
            // No SMTP: emails are written as .eml to the pickup folder and count as sent; any hour is a send hour.
            b.UseSetting("Email:PickupDirectory", Path.Combine(_root, "pickup"));
            b.UseSetting("Email:QuietHours:Enabled", "false");
            b.UseSetting("Email:PublicBaseUrl", "http://localhost");
            b.UseSetting("Email:UnsubscribeSecret", "e2e-unsubscribe-secret-0123456789abcdef");
        });
        // A free loopback port: UseKestrel(0) fell back to Kestrel's default 127.0.0.1:5000, so two test runs on one machine collided.
        _factory.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _factory.StartServer();
        var addresses = _factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');
        Api = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        Api.DefaultRequestHeaders.Add("X-Api-Key", ApiKey);

        var index = await Api.GetAsync("/");
        if (!index.IsSuccessStatusCode || !(await index.Content.ReadAsStringAsync()).Contains("<div id=\"root\">"))
            throw new InvalidOperationException($"The host does not serve the designer at / ({(int)index.StatusCode}); build it with `npm run build` in designer/ (the host's build does this unless SkipDesignerBuild=true).");

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

    /// <summary>
    /// A fresh page; with <paramref name="signedIn"/>, an API key is already in localStorage (as after the connect form):
    /// <paramref name="apiKey"/>, by default the ops key (<see cref="CsmKey"/>, <see cref="ViewerKey"/> for other roles).
    /// </summary>
    public async Task<IPage> NewPageAsync(bool signedIn = true, int width = 1600, int height = 1000, string apiKey = ApiKey)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = width, Height = height } });
        if (signedIn) await context.AddInitScriptAsync($"localStorage.setItem('csplaybooks.apiKey', '{apiKey}');");
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(15_000);
        return page;
    }

    /// <summary>An email template in the host's Workflows:Directory/templates (NAME.subject.liquid, NAME.text.liquid).</summary>
    public void WriteTemplate(string name, string subject, string text)
    {
        File.WriteAllText(Path.Combine(_root, "workflows", "templates", $"{name}.subject.liquid"), subject);
        File.WriteAllText(Path.Combine(_root, "workflows", "templates", $"{name}.text.liquid"), text);
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
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ArtifactsDir, name + ".png"), FullPage = false });

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
        var response = await Api.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return string.IsNullOrEmpty(text) ? null : JsonNode.Parse(text);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Api?.Dispose();
        if (_factory is not null) await _factory.DisposeAsync();
        try { Directory.Delete(_root, true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

[CollectionDefinition(Name)]
public sealed class DesignerCollection : ICollectionFixture<DesignerHost>
{
    public const string Name = "designer";
}
