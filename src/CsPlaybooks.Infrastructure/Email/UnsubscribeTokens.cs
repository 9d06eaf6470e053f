using System.Security.Cryptography;
using System.Text;
using CsPlaybooks.Infrastructure.Security;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Email;

/// <summary>
/// Signed unsubscribe tokens: <c>base64url("v2\n" key-id "\n" account "\n" contact)</c> + "." + <c>base64url(HMAC-SHA256)</c>.
/// The key id names the key that signed it, so links keep working after a rotation as long as the old key is still
/// listed (<see cref="UnsubscribeOptions"/>). Tokens do not expire (a link in an old email must keep working) and reveal
/// only the account and contact ids. Tokens of the first format (<c>v1</c>, no key id) are checked against every key.
/// </summary>
public sealed class UnsubscribeTokens
{
    private readonly Lazy<(byte[] Signing, IReadOnlyList<byte[]> Accepted)> _keys;

    public UnsubscribeTokens(IOptions<UnsubscribeOptions> options, SharedSecrets secrets)
    {
        _keys = new(() => Keys(options.Value, secrets.Get(SharedSecrets.UnsubscribeKey)), LazyThreadSafetyMode.PublicationOnly);
    }

    public string Create(string accountId, string contactKey)
    {
        var key = _keys.Value.Signing;
        var payload = Encoding.UTF8.GetBytes($"v2\n{KeyId(key)}\n{accountId}\n{contactKey}");
        return $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, payload))}";
    }

    /// <summary>The account and contact of a genuine token; null for anything forged, altered, malformed or signed by a key no longer listed.</summary>
    public (string AccountId, string ContactKey)? Read(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0) return null;
        try
        {
            var payload = WebEncoders.Base64UrlDecode(token[..dot]);
            var signature = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
            var (candidates, account, contact) = Encoding.UTF8.GetString(payload).Split('\n') switch
            {
                ["v2", var kid, var a, var c] => (_keys.Value.Accepted.Where(k => KeyId(k) == kid), a, c),
                ["v1", var a, var c] => (_keys.Value.Accepted, a, c),
                _ => ([], "", ""),
            };
            return candidates.Any(k => CryptographicOperations.FixedTimeEquals(signature, HMACSHA256.HashData(k, payload))) ? (account, contact) : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static (byte[], IReadOnlyList<byte[]>) Keys(UnsubscribeOptions o, string shared)
    {
        var signing = Bytes(string.IsNullOrWhiteSpace(o.UnsubscribeSecret) ? shared : o.UnsubscribeSecret);
        var legacy = File.Exists(o.UnsubscribeSecretFile) ? File.ReadAllText(o.UnsubscribeSecretFile).Trim() : "";
        var accepted = o.UnsubscribePreviousSecrets.Append(shared).Append(legacy).Where(k => !string.IsNullOrWhiteSpace(k)).Select(Bytes).Prepend(signing);
        return (signing, accepted.DistinctBy(Convert.ToHexString).ToList());
    }

    private static byte[] Bytes(string secret) => Encoding.UTF8.GetBytes(secret);

    /// <summary>8 hex digits of the key's SHA-256: names the key without revealing it.</summary>
    private static string KeyId(byte[] key) => Convert.ToHexStringLower(SHA256.HashData(key))[..8];
}
