using System.Net;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Host.Tests.Tasks;
using CsPlaybooks.TestIdp;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Auth;

/// <summary>
/// The host on a real port, pointed at a real OpenID Connect provider (OpenIddict, started here) whose groups claim
/// maps to roles: <c>cs-ops</c> → ops, <c>cs-managers</c> → csm; anyone else is refused.
/// </summary>
public sealed class OidcHost : IAsyncLifetime
{
    public const string ClientId = "csplaybooks";
    public const string ClientSecret = "test-client-secret";

    public TestIdentityProvider Idp { get; private set; } = null!;
    public TestHost Host { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Idp = await TestIdentityProvider.StartAsync();
        Host = new TestHost(TestDatabase.Create(Db.Sqlite), configure: b =>
        {
            foreach (var (key, value) in Idp.HostSettings(ClientId, ClientSecret)) b.UseSetting(key, value);
        });
        Host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        Host.StartServer();
        BaseUrl = Host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        await Idp.RegisterClientAsync(ClientId, ClientSecret, BaseUrl + "/api/auth/oidc/callback");
    }

    /// <summary>A browser: keeps cookies per site, follows redirects between the host and the IdP.</summary>
    public HttpClient NewBrowser() =>
        new(new HttpClientHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = true }) { BaseAddress = new Uri(BaseUrl) };

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Idp.DisposeAsync();
    }
}

public sealed class OidcSignInTests(OidcHost fixture) : IClassFixture<OidcHost>
{
    [Fact]
    public async Task Providers_ListsTheConfiguredProvider()
    {
        var providers = await fixture.NewBrowser().GetJson("/api/auth/providers");
        var external = providers["external"]!.AsArray().Single()!;
        Assert.Equal("oidc", (string)external["id"]!);
        Assert.Equal("Test IdP", (string)external["displayName"]!);
        Assert.StartsWith("/api/auth/external/oidc", (string)external["signInUrl"]!);
    }

    [Fact]
    public async Task CodeFlow_OpsGroup_CreatesOpsUserWithSession()
    {
        fixture.Idp.User = new TestIdpUser(Samples.NewId("sub"), $"{Samples.NewId("ops")}@example.com", "Olga Ops", ["everyone", "cs-ops"]);
        var browser = fixture.NewBrowser();
        var before = fixture.Idp.Authorizations;

        var landed = await browser.GetAsync("/api/auth/external/oidc?returnUrl=/api/me");

        Assert.Equal(before + 1, fixture.Idp.Authorizations);
        var me = await landed.Expect(200);
        Assert.Equal(("user", "ops", fixture.Idp.User.Email), ((string)me["kind"]!, (string)me["role"]!, (string)me["name"]!));
        Assert.True((bool)me["can"]!["design"]!);
    }

    [Fact]
    public async Task CodeFlow_CsmGroup_LinksTheCsmWithTheSameEmailAndSeesOnlyItsTasks()
    {
        var ops = fixture.Host.Client();
        var csmId = Samples.NewId("csm");
        var csm = TaskSamples.Csm("Sso " + csmId, "high", ["sso"]);
        await TaskSamples.PutCsm(ops, csmId, csm);
        fixture.Idp.User = new TestIdpUser(Samples.NewId("sub"), (string)csm["email"]!, "Sso Csm", ["cs-managers"]);
        var browser = fixture.NewBrowser();

        var me = await (await browser.GetAsync("/api/auth/external/oidc?returnUrl=/api/me")).Expect(200);

        Assert.Equal(("csm", csmId), ((string)me["role"]!, (string)me["csmId"]!));
        var tasks = await TaskSamples.Tasks(browser, "status=open");
        Assert.All(tasks, t => Assert.Equal(csmId, (string)t!["assignee"]!["csmId"]!));
    }

    [Fact]
    public async Task CodeFlow_SecondSignIn_SameUserRoleFollowsTheProvider()
    {
        var subject = Samples.NewId("sub");
        var email = $"{Samples.NewId("mover")}@example.com";
        fixture.Idp.User = new TestIdpUser(subject, email, "Mover", ["cs-ops"]);
        await (await fixture.NewBrowser().GetAsync("/api/auth/external/oidc?returnUrl=/api/me")).Expect(200);

        fixture.Idp.User = new TestIdpUser(subject, email, "Mover", ["cs-managers"]);
        var me = await (await fixture.NewBrowser().GetAsync("/api/auth/external/oidc?returnUrl=/api/me")).Expect(200);

        Assert.Equal("csm", (string)me["role"]!);
        var users = (await fixture.Host.Client().GetJson("/api/users"))["items"]!.AsArray().Where(u => (string)u!["email"]! == email).ToList();
        Assert.Single(users);
        Assert.Equal(["oidc"], users[0]!["signInWith"]!.AsArray().Select(p => (string)p!));
    }

    [Fact]
    public async Task CodeFlow_NoMappedGroup_RefusedWithoutSession()
    {
        fixture.Idp.User = new TestIdpUser(Samples.NewId("sub"), $"{Samples.NewId("stranger")}@example.com", "Stranger", ["marketing"]);
        var browser = fixture.NewBrowser();

        var landed = await browser.GetAsync("/api/auth/external/oidc?returnUrl=/api/me");

        Assert.Equal("/signin", landed.RequestMessage!.RequestUri!.AbsolutePath);
        Assert.Equal("?error=no-role", landed.RequestMessage.RequestUri.Query);
        await (await browser.GetAsync("/api/me")).Expect(401);
    }

    [Fact]
    public async Task Challenge_RedirectsToTheProviderWithPkce()
    {
        var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri(fixture.BaseUrl) };
        var response = await browser.GetAsync("/api/auth/external/oidc?returnUrl=/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith(fixture.Idp.Authority + "connect/authorize", response.Headers.Location!.ToString());
        Assert.Contains("code_challenge_method=S256", response.Headers.Location.Query);
        Assert.Contains("response_type=code", response.Headers.Location.Query);
    }

    [Fact]
    public async Task Challenge_ReturnUrlToAnotherSite_LandsOnThisSite()
    {
        fixture.Idp.User = new TestIdpUser(Samples.NewId("sub"), $"{Samples.NewId("ops")}@example.com", "Olga Ops", ["cs-ops"]);
        var landed = await fixture.NewBrowser().GetAsync("/api/auth/external/oidc?returnUrl=//evil.example.com/x");
        Assert.Equal(new Uri(fixture.BaseUrl + "/"), landed.RequestMessage!.RequestUri);
    }
}
