using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// A browser sends the session cookie on its own, so every state-changing request authenticated by that cookie must
/// also carry the antiforgery token (header <c>X-CSRF-TOKEN</c>, from <c>GET /api/auth/antiforgery</c>). Requests
/// authenticated by an API key carry no ambient credential and are exempt; anonymous ones have nothing to forge.
/// </summary>
public static class CookieAntiforgery
{
    public const string HeaderName = "X-CSRF-TOKEN";
    public const string CookieName = "csp.antiforgery";

    public static IApplicationBuilder UseCookieAntiforgery(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var method = context.Request.Method;
        var safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (!safe && context.User.Identity is { IsAuthenticated: true, AuthenticationType: var type } && type == IdentityConstants.ApplicationScheme)
        {
            try
            {
                await context.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(context);
            }
            catch (AntiforgeryValidationException)
            {
                await Results.Problem(statusCode: 400, title: "Antiforgery token missing or invalid",
                    detail: $"a request made with the session cookie must send the token from GET /api/auth/antiforgery in the {HeaderName} header (fetch a new one after signing in)",
                    extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [HeaderName] = ["missing or invalid antiforgery token"] } })
                    .ExecuteAsync(context);
                return;
            }
        }
        await next();
    });
}
