using Microsoft.Net.Http.Headers;

namespace CsPlaybooks.Host.Extensions;

/// <summary>
/// Headers that keep browsers from misusing our responses: no framing (clickjacking), no content-type sniffing, no
/// referrer (unsubscribe links carry a token), and a Content-Security-Policy that lets pages run only our own scripts.
/// The designer is a Vite build with no inline script; React Flow positions nodes with inline styles, hence
/// <c>style-src 'unsafe-inline'</c>. The API reference (Scalar, under /api/docs) starts itself with an inline module
/// script, so it alone gets <c>script-src 'unsafe-inline'</c>.
/// </summary>
public static class SecurityHeaders
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    public const string ApiReferencePolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data: https:; " +
        "font-src 'self' data: https:; connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'self'; frame-ancestors 'none'";

    private static readonly PathString ApiReference = "/api/docs";

    public static WebApplication UseSecurityHeaders(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            // Set as the response starts, so error pages and static files carry them too.
            context.Response.OnStarting(() =>
            {
                var headers = context.Response.Headers;
                headers[HeaderNames.ContentSecurityPolicy] = context.Request.Path.StartsWithSegments(ApiReference) ? ApiReferencePolicy : ContentSecurityPolicy;
                headers[HeaderNames.XContentTypeOptions] = "nosniff";
                headers[HeaderNames.XFrameOptions] = "DENY";
                headers["Referrer-Policy"] = "no-referrer";
                headers["Cross-Origin-Opener-Policy"] = "same-origin";
                return Task.CompletedTask;
            });
            return next(context);
        });
        return app;
    }
}
