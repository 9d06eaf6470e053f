using Microsoft.Net.Http.Headers;

namespace CsPlaybooks.Host.Extensions;

/// <summary>
/// Serves the built designer from wwwroot. Vite names every file under /assets/ by its content hash, so a browser may
/// keep those for a year without asking again; index.html (which names the current hashes) is revalidated every time,
/// so a new build reaches users on their next load. The sign-in pages the host's links point at (<c>/setup</c>,
/// <c>/invite</c>, <c>/reset-password</c>, <c>/signin</c>; docs/auth.md) are the designer too: index.html, which reads the path.
/// </summary>
public static class DesignerStaticFiles
{
    private const string HashedAssets = "/assets";
    private static readonly string[] SignInPages = ["/setup", "/invite", "/reset-password", "/signin"];

    public static WebApplication UseDesignerStaticFiles(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            var path = context.Request.Path.Value?.TrimEnd('/');
            if (HttpMethods.IsGet(context.Request.Method) && SignInPages.Contains(path, StringComparer.OrdinalIgnoreCase)) context.Request.Path = "/index.html";
            return next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles(new StaticFileOptions
        {
            OnPrepareResponse = context =>
                context.Context.Response.Headers[HeaderNames.CacheControl] =
                    context.Context.Request.Path.StartsWithSegments(HashedAssets)
                        ? "public, max-age=31536000, immutable"
                        : "no-cache",
        });
        return app;
    }
}
