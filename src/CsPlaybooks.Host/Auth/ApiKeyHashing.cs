using System.Security.Cryptography;
using System.Text;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// How keys and link tokens are made and kept: 32 random bytes (so a plain SHA-256 is enough, no slow hash needed),
/// stored only as the lower-case hex SHA-256.
/// </summary>
public static class ApiKeyHashing
{
    public const string KeyPrefix = "csp_";
    public const int DisplayPrefixLength = 12;

    public static string NewKey() => KeyPrefix + NewToken();

    /// <summary>A URL-safe random token (256 bits).</summary>
    public static string NewToken() => Base64Url(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static string DisplayPrefix(string key) => key[..Math.Min(DisplayPrefixLength, key.Length)];

    /// <summary>A configured KeyHash: hex, optionally written as <c>sha256:HEX</c>; null when it is not 64 hex digits.</summary>
    public static string? NormalizeConfiguredHash(string text)
    {
        var hex = text.Trim();
        if (hex.StartsWith("sha256:", StringComparison.OrdinalIgnoreCase)) hex = hex[7..];
        return hex.Length == 64 && hex.All(Uri.IsHexDigit) ? hex.ToLowerInvariant() : null;
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
