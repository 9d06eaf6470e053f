using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Auth;

public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRegistry keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return Task.FromResult(AuthenticateResult.NoResult());
        var entry = keys.Find(values.ToString());
        if (entry is null) return Task.FromResult(AuthenticateResult.Fail("unknown API key"));
        var claims = new List<Claim> { new(ClaimTypes.Name, entry.Name ?? entry.Role), new(ClaimTypes.Role, entry.Role) };
        if (entry.CsmId is not null) claims.Add(new Claim("csm_id", entry.CsmId));
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 401;
        await Results.Problem(statusCode: 401, title: "API key required",
            detail: $"send a valid key in the {Header} header; running locally, the key is in {keys.LocalKeyHint}").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        await Results.Problem(statusCode: 403, title: "Not allowed for this key's role",
            detail: $"this key's role ({Context.User.FindFirstValue(ClaimTypes.Role)}) may not do this; see docs/api.md for the roles").ExecuteAsync(Context);
    }
}

/// <summary>The configured keys, compared in constant time.</summary>
public sealed class ApiKeyRegistry
{
    private readonly List<(byte[] Hash, ApiKeyEntry Entry)> _keys;

    public ApiKeyRegistry(IOptions<ApiKeyOptions> options, IHostEnvironment environment, ILogger<ApiKeyRegistry> log)
    {
        var o = options.Value;
        var entries = o.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k.Key)).ToList();
        foreach (var bad in entries.Where(k => !Roles.All.Contains(k.Role)))
            throw new InvalidOperationException($"Auth:ApiKeys: role \"{bad.Role}\" of key '{bad.Name}' is unknown; use one of {string.Join(", ", Roles.All)}");
        LocalKeyHint = "your configuration (Auth:ApiKeys)";
        if (entries.Count == 0)
        {
            var path = Path.GetFullPath(o.LocalKeyFile, environment.ContentRootPath);
            entries.Add(new ApiKeyEntry { Key = LocalKey.LoadOrCreate(path), Role = Roles.Ops, Name = "local ops" });
            LocalKeyHint = path;
            LocalKeyPath = path;
            log.LogInformation("No API keys configured: using the local ops key in {Path}", path);
        }
        _keys = entries.Select(e => (SHA256.HashData(Encoding.UTF8.GetBytes(e.Key)), e)).ToList();
    }

    public string LocalKeyHint { get; }
    public string? LocalKeyPath { get; }

    public ApiKeyEntry? Find(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return _keys.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(k.Hash, hash)).Entry;
    }
}

public static class ApiKeyServices
{
    public static IServiceCollection AddApiKeyAuthentication(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiKeyOptions>(configuration.GetSection("Auth"));
        services.AddSingleton<ApiKeyRegistry>();
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.Design, p => p.RequireRole(Roles.Ops))
            .AddPolicy(Policies.Ingest, p => p.RequireRole(Roles.Ops, Roles.Integration))
            .AddPolicy(Policies.DeleteAccounts, p => p.RequireRole(Roles.Ops))
            .AddPolicy(Policies.ReadTasks, p => p.RequireRole(Roles.Ops, Roles.Csm, Roles.Viewer))
            .AddPolicy(Policies.CompleteTasks, p => p.RequireRole(Roles.Ops, Roles.Csm));
        return services;
    }
}
