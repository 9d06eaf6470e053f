using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenIddict.Abstractions;
using OpenIddict.Server.AspNetCore;
using Microsoft.AspNetCore;
using static OpenIddict.Abstractions.OpenIddictConstants;

namespace CsPlaybooks.TestIdp;

/// <summary>The person the test IdP signs in, without asking, whenever a client sends someone to it.</summary>
public sealed record TestIdpUser(string Subject, string Email, string Name, IReadOnlyList<string> Groups);

/// <summary>
/// A real OpenID Connect provider for tests (OpenIddict server on Kestrel, a free loopback port): authorization code
/// with PKCE required, signed ID tokens, discovery and JWKS. There is no login page: the authorization endpoint signs
/// in <see cref="User"/> at once, so a test sets who signs in and with which claims (groups) before it starts a flow.
/// Clients are registered with <see cref="RegisterClientAsync"/> (their redirect URI may only be known later).
/// </summary>
public sealed class TestIdentityProvider : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _databaseFile;

    private TestIdentityProvider(WebApplication app, string databaseFile, string authority)
    {
        _app = app;
        _databaseFile = databaseFile;
        Authority = authority;
    }

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public string Authority { get; }

    public TestIdpUser User { get; set; } = new("sub-0", "someone@example.com", "Someone", []);

    /// <summary>How many authorization requests it answered (a test can tell that the flow really went through the IdP).</summary>
    public int Authorizations { get; private set; }

    public static async Task<TestIdentityProvider> StartAsync()
    {
        var databaseFile = Path.Combine(Path.GetTempPath(), $"csplaybooks-idp-{Guid.NewGuid():N}.db");
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.WebHost.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        builder.Services.AddDbContext<IdpDbContext>(o =>
        {
            o.UseSqlite($"Data Source={databaseFile}");
            o.UseOpenIddict();
        });
        builder.Services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<IdpDbContext>())
            .AddServer(o =>
            {
                o.SetAuthorizationEndpointUris("connect/authorize").SetTokenEndpointUris("connect/token");
                o.AllowAuthorizationCodeFlow().RequireProofKeyForCodeExchange();
                o.RegisterScopes(Scopes.OpenId, Scopes.Email, Scopes.Profile);
                o.AddEphemeralEncryptionKey().AddEphemeralSigningKey().DisableAccessTokenEncryption();
                o.UseAspNetCore().EnableAuthorizationEndpointPassthrough().DisableTransportSecurityRequirement();
            });
        var app = builder.Build();
        TestIdentityProvider? idp = null;
        app.MapMethods("/connect/authorize", [HttpMethods.Get, HttpMethods.Post], (HttpContext http) =>
        {
            var request = http.GetOpenIddictServerRequest() ?? throw new InvalidOperationException("not an OpenID Connect request");
            var user = idp!.User;
            idp.Authorizations++;
            var identity = new ClaimsIdentity(OpenIddictServerAspNetCoreDefaults.AuthenticationScheme, Claims.Name, Claims.Role);
            identity.SetClaim(Claims.Subject, user.Subject).SetClaim(Claims.Email, user.Email).SetClaim(Claims.Name, user.Name);
            foreach (var group in user.Groups) identity.AddClaim(new Claim("groups", group));
            identity.SetScopes(request.GetScopes());
            identity.SetDestinations(_ => [Destinations.IdentityToken, Destinations.AccessToken]);
            return Results.SignIn(new ClaimsPrincipal(identity), authenticationScheme: OpenIddictServerAspNetCoreDefaults.AuthenticationScheme);
        });
        await using (var scope = app.Services.CreateAsyncScope())
            await scope.ServiceProvider.GetRequiredService<IdpDbContext>().Database.EnsureCreatedAsync();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        idp = new TestIdentityProvider(app, databaseFile, address.TrimEnd('/') + "/");
        return idp;
    }

    /// <summary>
    /// The settings that point a CsPlaybooks host's single sign-on at this provider (plain http), with the groups claim
    /// mapping <c>cs-ops</c> → ops and <c>cs-managers</c> → csm; anyone else is refused.
    /// </summary>
    public IEnumerable<KeyValuePair<string, string>> HostSettings(string clientId, string clientSecret) => new Dictionary<string, string>
    {
        ["Auth:Oidc:Authority"] = Authority,
        ["Auth:Oidc:ClientId"] = clientId,
        ["Auth:Oidc:ClientSecret"] = clientSecret,
        ["Auth:Oidc:DisplayName"] = "Test IdP",
        ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        ["Auth:Oidc:RoleClaim"] = "groups",
        ["Auth:Oidc:Roles:ops:0"] = "cs-ops",
        ["Auth:Oidc:Roles:csm:0"] = "cs-managers",
    };

    /// <summary>A confidential client allowed the code flow with PKCE to this redirect URI.</summary>
    public async Task RegisterClientAsync(string clientId, string clientSecret, string redirectUri)
    {
        await using var scope = _app.Services.CreateAsyncScope();
        var manager = scope.ServiceProvider.GetRequiredService<IOpenIddictApplicationManager>();
        await manager.CreateAsync(new OpenIddictApplicationDescriptor
        {
            ClientId = clientId, ClientSecret = clientSecret, ClientType = ClientTypes.Confidential, DisplayName = clientId,
            RedirectUris = { new Uri(redirectUri) },
            Permissions =
            {
                Permissions.Endpoints.Authorization, Permissions.Endpoints.Token, Permissions.GrantTypes.AuthorizationCode,
                Permissions.ResponseTypes.Code, Permissions.Scopes.Email, Permissions.Scopes.Profile,
            },
            Requirements = { Requirements.Features.ProofKeyForCodeExchange },
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(_databaseFile);
    }
}

/// <summary>OpenIddict's applications, authorizations, scopes and tokens, in a throw-away SQLite file.</summary>
public sealed class IdpDbContext(DbContextOptions<IdpDbContext> options) : DbContext(options);
