using System.Security.Cryptography;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CsPlaybooks.Host.Auth;

/// <summary>The opt-in plaintext local key (<c>Auth:LocalKeyFile</c>, deprecated), and the start-up banner.</summary>
public static class LocalKey
{
    public static string LoadOrCreate(string path)
    {
        if (File.Exists(path) && File.ReadAllText(path).Trim() is { Length: >= 32 } existing) return existing;
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var key = "local-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        File.WriteAllText(path, key + Environment.NewLine);
        return key;
    }

    /// <summary>Prints where to go and which key to use, once the server listens.</summary>
    public static void AnnounceUrls(WebApplication app)
    {
        var addresses = app.Services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var url = addresses.FirstOrDefault() ?? "http://localhost:5000";
        var registry = app.Services.GetRequiredService<ApiKeyRegistry>();
        var keyLine = registry.LocalKeyPath is { } path
            ? $"API key (header X-Api-Key): {File.ReadAllText(path).Trim()}  (from {path}, deprecated)"
            : "Sign in:   in the designer (first run: open the setup link printed above); keys for systems: designer → API keys";
        Console.WriteLine($"""

            CsPlaybooks is running.
              Designer:  {url}/
              API docs:  {url}/api/docs
              Health:    {url}/health/ready
              {keyLine}
            Press Ctrl+C to stop.

            """);
    }
}
