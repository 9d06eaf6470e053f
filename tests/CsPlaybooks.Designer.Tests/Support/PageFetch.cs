using System.Text.Json;
using Microsoft.Playwright;

namespace CsPlaybooks.Designer.Tests.Support;

/// <summary>
/// A request made from inside the page with its cookies, as script on the page (or a forged call) could: optionally
/// with the antiforgery token fetched from GET /api/auth/antiforgery.
/// </summary>
public static class PageFetch
{
    public sealed record Answer(int Status, string Body);

    private const string Script = """
        async ([method, path, body, withToken]) => {
          const headers = { 'Content-Type': 'application/json' };
          if (withToken) headers['X-CSRF-TOKEN'] = (await (await fetch('/api/auth/antiforgery')).json()).token;
          const r = await fetch(path, { method, headers, body: body === null ? undefined : body });
          return { status: r.status, body: await r.text() };
        }
        """;

    public static async Task<Answer> SendAsync(IPage page, string method, string path, object? body = null, bool withToken = true)
    {
        var result = await page.EvaluateAsync<JsonElement>(Script, new object?[] { method, path, body is null ? null : JsonSerializer.Serialize(body), withToken });
        return new Answer(result.GetProperty("status").GetInt32(), result.GetProperty("body").GetString() ?? "");
    }
}
