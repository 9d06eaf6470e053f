namespace CsPlaybooks.Host.Health;

/// <summary>
/// <c>CsPlaybooks.Host --probe[=URL]</c>: asks a running host's <c>/health/ready</c> and exits 0 when it answers 200
/// (Healthy, or Degraded: serving, with old backlog), 1 otherwise. For container health checks, so the runtime image
/// needs no curl or wget. Without a URL it asks this container's own address: the first of <c>ASPNETCORE_URLS</c>
/// (wildcard hosts become localhost), else <c>ASPNETCORE_HTTP_PORTS</c>, else port 8080.
/// </summary>
public static class HealthProbe
{
    private const string Switch = "--probe";

    public static bool IsRequested(string[] args) => args.Any(a => a == Switch || a.StartsWith(Switch + "=", StringComparison.Ordinal));

    public static async Task<int> RunAsync(string[] args)
    {
        var explicitUrl = args.Select(a => a.StartsWith(Switch + "=", StringComparison.Ordinal) ? a[(Switch.Length + 1)..] : null).FirstOrDefault(u => u is not null);
        var baseUrl = explicitUrl ?? OwnUrl(Environment.GetEnvironmentVariable("ASPNETCORE_URLS"), Environment.GetEnvironmentVariable("ASPNETCORE_HTTP_PORTS"));
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var response = await http.GetAsync(new Uri(new Uri(baseUrl), "/health/ready"));
            var body = await response.Content.ReadAsStringAsync();
            Console.WriteLine($"{baseUrl}/health/ready: {(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? 0 : 1;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or UriFormatException)
        {
            Console.WriteLine($"{baseUrl}/health/ready: no answer ({e.Message})");
            return 1;
        }
    }

    /// <summary>The address this host listens on, as seen from inside its container.</summary>
    public static string OwnUrl(string? urls, string? httpPorts)
    {
        var first = urls?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .FirstOrDefault(u => u.StartsWith("http://", StringComparison.OrdinalIgnoreCase));
        if (first is not null)
        {
            var hostStart = first.IndexOf("://", StringComparison.Ordinal) + 3;
            var hostEnd = first.IndexOfAny([':', '/'], hostStart) is var end and >= 0 ? end : first.Length;
            var host = first[hostStart..hostEnd];
            if (host is "+" or "*" or "0.0.0.0" or "[::]" or "") host = "localhost";
            return ("http://" + host + first[hostEnd..]).TrimEnd('/');
        }
        var port = httpPorts?.Split(';', ',').FirstOrDefault(p => p.Trim().Length > 0)?.Trim() ?? "8080";
        return $"http://localhost:{port}";
    }
}
