using System.Text.Json.Nodes;

namespace CsPlaybooks.Bench;

/// <summary>What the reports mode (<see cref="ReportsBench"/>) reads from the host.</summary>
public sealed partial class HttpTarget
{
    /// <summary>GET <paramref name="path"/>, 200 expected; the body as JSON (or null when <paramref name="json"/> is false).</summary>
    public async Task<JsonNode?> GetJsonAsync(string path, bool json = true)
    {
        using var response = await _http.GetAsync(path);
        var body = await response.Content.ReadAsStringAsync();
        if (!response.IsSuccessStatusCode) throw new InvalidOperationException($"GET {path}: {(int)response.StatusCode} {body[..Math.Min(300, body.Length)]} (host log: {_log})");
        return json ? JsonNode.Parse(body) : null;
    }

    /// <summary>GET <paramref name="path"/> as text (a Prometheus scrape); null when it is not served.</summary>
    public async Task<string?> GetTextAsync(string path)
    {
        using var response = await _http.GetAsync(path);
        return response.IsSuccessStatusCode ? await response.Content.ReadAsStringAsync() : null;
    }
}
