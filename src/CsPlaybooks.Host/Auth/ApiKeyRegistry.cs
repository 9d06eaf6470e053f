using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Auth;

/// <summary>The configured keys (<c>Auth:ApiKeys</c>, by key or by hash), compared in constant time.</summary>
public sealed class ApiKeyRegistry
{
    private readonly List<(byte[] Hash, ApiKeyEntry Entry)> _keys;

    public ApiKeyRegistry(IOptions<ApiKeyOptions> options, IHostEnvironment environment, ILogger<ApiKeyRegistry> log)
    {
        var o = options.Value;
        var entries = o.ApiKeys.Where(k => !string.IsNullOrWhiteSpace(k.Key) || !string.IsNullOrWhiteSpace(k.KeyHash)).ToList();
        foreach (var bad in entries.Where(k => !Roles.All.Contains(k.Role)))
            throw new InvalidOperationException($"Auth:ApiKeys: role \"{bad.Role}\" of key '{bad.Name}' is unknown; use one of {string.Join(", ", Roles.All)}");
        LocalKeyHint = "the designer (API keys, as ops) or Auth:ApiKeys";
        if (entries.Count == 0 && !string.IsNullOrWhiteSpace(o.LocalKeyFile))
        {
            var path = Path.GetFullPath(o.LocalKeyFile, environment.ContentRootPath);
            entries.Add(new ApiKeyEntry { Key = LocalKey.LoadOrCreate(path), Role = Roles.Ops, Name = "local ops" });
            LocalKeyHint = path;
            LocalKeyPath = path;
            log.LogWarning("Auth:LocalKeyFile is set and no API key is configured: using the plaintext local ops key in {Path}. This is deprecated: " +
                "sign in as a person instead and create hashed keys for systems in the designer (docs/auth.md); remove Auth:LocalKeyFile to turn it off", path);
        }
        _keys = entries.Select(e => (HashOf(e), e)).ToList();
    }

    /// <summary>The configured keys (never their values), for the key list.</summary>
    public IEnumerable<ApiKeyEntry> Configured => _keys.Select(k => k.Entry);

    public string LocalKeyHint { get; }
    public string? LocalKeyPath { get; }

    public ApiKeyEntry? Find(string key)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(key));
        return _keys.FirstOrDefault(k => CryptographicOperations.FixedTimeEquals(k.Hash, hash)).Entry;
    }

    private static byte[] HashOf(ApiKeyEntry e)
    {
        if (!string.IsNullOrWhiteSpace(e.Key)) return SHA256.HashData(Encoding.UTF8.GetBytes(e.Key));
        var hex = ApiKeyHashing.NormalizeConfiguredHash(e.KeyHash!)
            ?? throw new InvalidOperationException($"Auth:ApiKeys: KeyHash of key '{e.Name}' must be 64 hex digits (SHA-256 of the key), optionally prefixed sha256:");
        return Convert.FromHexString(hex);
    }
}
