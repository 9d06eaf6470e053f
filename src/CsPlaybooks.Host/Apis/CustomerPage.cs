using System.Net;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// The plain HTML pages customers reach from links in our email (unsubscribe, survey answers): no script, one inline
/// style block (allowed by the CSP's <c>style-src 'unsafe-inline'</c>), not cached, not indexed.
/// </summary>
internal static class CustomerPage
{
    public static string Html(string? text) => WebUtility.HtmlEncode(text ?? "");

    public static IResult Render(HttpResponse response, int status, string title, string body)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers["X-Robots-Tag"] = "noindex";
        return Results.Content(
            "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">" +
            $"<title>{Html(title)}</title><style>{Style}</style></head><body><main><h1>{Html(title)}</h1>{body}</main></body></html>",
            "text/html; charset=utf-8", statusCode: status);
    }

    private const string Style =
        "body{font-family:system-ui,sans-serif;line-height:1.5;color:#1a1a1a;background:#fff}main{max-width:40em;margin:4em auto;padding:0 1em}" +
        "button{font:inherit;padding:.6em 1.4em;border:0;border-radius:4px;background:#1d4ed8;color:#fff;cursor:pointer}" +
        "button:focus-visible,textarea:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}" +
        "label{display:block;font-weight:600;margin:1em 0 .4em}textarea{font:inherit;width:100%;box-sizing:border-box;padding:.5em;margin-bottom:1em}";
}
