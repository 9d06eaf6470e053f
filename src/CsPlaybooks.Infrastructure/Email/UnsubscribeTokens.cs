using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace CsPlaybooks.Infrastructure.Email;

/// <summary>
/// Signed one-click unsubscribe tokens: <c>base64url(v1 \n account \n contact)</c> + "." + <c>base64url(HMAC-SHA256)</c>.
/// They do not expire (a link in an old email must keep working) and reveal only the account and contact ids.
/// </summary>
public sealed class UnsubscribeTokens(byte[] key)
{
    public static UnsubscribeTokens FromOptions(EmailOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.UnsubscribeSecret)) return new(Encoding.UTF8.GetBytes(options.UnsubscribeSecret));
        var file = options.UnsubscribeSecretFile;
        if (File.Exists(file) && File.ReadAllText(file).Trim() is { Length: >= 32 } existing) return new(Encoding.UTF8.GetBytes(existing));
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } dir) System.IO.Directory.CreateDirectory(dir);
        var secret = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        File.WriteAllText(file, secret + Environment.NewLine);
        return new(Encoding.UTF8.GetBytes(secret));
    }

    public string Create(string accountId, string contactKey)
    {
        var payload = Encoding.UTF8.GetBytes($"v1\n{accountId}\n{contactKey}");
        return $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, payload))}";
    }

    /// <summary>The account and contact of a genuine token; null for anything forged, altered or malformed.</summary>
    public (string AccountId, string ContactKey)? Read(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0) return null;
        try
        {
            var payload = WebEncoders.Base64UrlDecode(token[..dot]);
            var signature = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
            if (!CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(key, payload))) return null;
            var parts = Encoding.UTF8.GetString(payload).Split('\n');
            return parts is ["v1", var account, var contact] ? (account, contact) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
