using CsPlaybooks.Host.Auth;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;

namespace CsPlaybooks.Host.Apis;

/// <summary>Single sign-on with the OpenID Connect provider: browser navigations, answered with redirects.</summary>
public static partial class AuthApi
{
    private static IResult Challenge(string provider, string? returnUrl, OidcOptions oidc)
    {
        if (!oidc.Enabled || provider != OidcOptions.Scheme) return Problems.NotFound($"no sign-in provider '{provider}'; see GET /api/auth/providers");
        var complete = "/api/auth/external/complete?returnUrl=" + Uri.EscapeDataString(LocalUrl(returnUrl));
        return Results.Challenge(new AuthenticationProperties { RedirectUri = complete }, [OidcOptions.Scheme]);
    }

    private static async Task<IResult> CompleteExternal(string? returnUrl, HttpContext http, OidcSignIn oidc, CancellationToken ct)
    {
        var external = await http.AuthenticateAsync(IdentityConstants.ExternalScheme);
        await http.SignOutAsync(IdentityConstants.ExternalScheme);
        if (!external.Succeeded) return Results.Redirect("/signin?error=sign-in-failed");
        var result = await oidc.SignInAsync(external.Principal, ct);
        return Results.Redirect(result.Error is { } error ? "/signin?error=" + Uri.EscapeDataString(error) : LocalUrl(returnUrl));
    }

    /// <summary>Only a path on this site (no open redirect to another host).</summary>
    private static string LocalUrl(string? url) =>
        url is { Length: > 0 } && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) ? url : "/";
}
