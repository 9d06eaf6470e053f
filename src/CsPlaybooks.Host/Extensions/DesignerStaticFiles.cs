using Microsoft.Net.Http.Headers;

namespace CsPlaybooks.Host.Extensions;

/// <summary>
/// Serves the built designer from wwwroot. Vite names every file under /assets/ by its content hash, so a browser may
/// keep those for a year without asking again; index.html (which names the current hashes) is revalidated every time,
/// so a new build reaches users on their next load.
/// </summary>
public static class DesignerStaticFiles
{
    private const string HashedAssets = "/assets";

    public static WebApplication UseDesignerStaticFiles(this WebApplication app)
    {
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
