using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// Header <c>X-Api-Key</c>: a configured key (<see cref="ApiKeyRegistry"/>) or one ops created (<see cref="StoredApiKeys"/>).
/// The principal carries the same claims as a signed-in person (<see cref="CallerClaims"/>), so every policy treats both alike.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRegistry keys, StoredApiKeys stored)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";
    public const string Header = "X-Api-Key";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        if (!Request.Headers.TryGetValue(Header, out var values) || string.IsNullOrWhiteSpace(values.ToString()))
            return AuthenticateResult.NoResult();
        var key = values.ToString().Trim();
        if (keys.Find(key) is { } entry)
            return Success(CallerClaims.ForKey("config:" + (entry.Name ?? entry.Role), entry.Name ?? entry.Role, entry.Role, entry.CsmId));
        var (outcome, record) = await stored.FindAsync(key, Context.RequestAborted);
        return outcome switch
        {
            StoredApiKeys.Outcome.Valid => Success(CallerClaims.ForKey(record!.Id.ToString(), record.Name, record.Role, record.CsmId)),
            StoredApiKeys.Outcome.Revoked => AuthenticateResult.Fail("this API key was revoked"),
            StoredApiKeys.Outcome.Expired => AuthenticateResult.Fail("this API key has expired"),
            _ => AuthenticateResult.Fail("unknown API key"),
        };
    }

    private static AuthenticateResult Success(IEnumerable<Claim> claims) =>
        AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var failure = (await HandleAuthenticateOnceSafeAsync()).Failure?.Message;
        Response.StatusCode = 401;
        await Results.Problem(statusCode: 401, title: "API key required",
            detail: $"{(failure is null ? "" : failure + "; ")}send a valid key in the {Header} header (keys come from {keys.LocalKeyHint}), or sign in").ExecuteAsync(Context);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = 403;
        await Results.Problem(statusCode: 403, title: "Not allowed for this key's role",
            detail: $"this key's role ({Context.User.FindFirstValue(ClaimTypes.Role)}) may not do this; see docs/auth.md for the roles").ExecuteAsync(Context);
    }
}
