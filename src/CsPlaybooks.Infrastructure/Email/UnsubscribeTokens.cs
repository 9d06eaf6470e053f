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
/// The same keys sign other links the host mails out (<see cref="Sign"/> / <see cref="Verify"/> with a purpose of
/// their own, e.g. survey score links), so there is one signer and one rotation procedure.
/// </summary>
public sealed class UnsubscribeTokens
{
    private readonly Lazy<(byte[] Signing, IReadOnlyList<byte[]> Accepted)> _keys;

    public UnsubscribeTokens(IOptions<UnsubscribeOptions> options, SharedSecrets secrets)
    {
        _keys = new(() => Keys(options.Value, secrets.Get(SharedSecrets.UnsubscribeKey)), LazyThreadSafetyMode.PublicationOnly);
    }

    public string Create(string accountId, string contactKey) => Sign("v2", accountId, contactKey);

    /// <summary>
    /// A token for <paramref name="purpose"/> (a word of its own per kind of link, never <c>v1</c>/<c>v2</c>) carrying
    /// <paramref name="fields"/> (no line breaks), signed with the current key.
    /// </summary>
    public string Sign(string purpose, params string[] fields)
    {
        if (fields.Any(f => f.Contains('\n'))) throw new ArgumentException("signed fields cannot hold line breaks", nameof(fields));
        var key = _keys.Value.Signing;
        var payload = Encoding.UTF8.GetBytes(string.Join('\n', [purpose, KeyId(key), .. fields]));
        return $"{WebEncoders.Base64UrlEncode(payload)}.{WebEncoders.Base64UrlEncode(HMACSHA256.HashData(key, payload))}";
    }

    /// <summary>The fields of a genuine token of <paramref name="purpose"/>; null for anything forged, altered, malformed, of another purpose or signed by a key no longer listed.</summary>
    public string[]? Verify(string purpose, string token)
    {
        var parts = Open(token);
        if (parts is not { Fields: [var p, var kid, .. var fields] } || p != purpose) return null;
        return _keys.Value.Accepted.Where(k => KeyId(k) == kid).Any(k => CryptographicOperations.FixedTimeEquals(parts.Value.Signature, HMACSHA256.HashData(k, parts.Value.Payload)))
            ? fields : null;
    }

    /// <summary>The account and contact of a genuine token; null for anything forged, altered, malformed or signed by a key no longer listed.</summary>
    public (string AccountId, string ContactKey)? Read(string token)
    {
        if (Verify("v2", token) is [var account, var contact]) return (account, contact);
        if (Open(token) is not { Fields: ["v1", var a, var c] } legacy) return null;
        return _keys.Value.Accepted.Any(k => CryptographicOperations.FixedTimeEquals(legacy.Signature, HMACSHA256.HashData(k, legacy.Payload))) ? (a, c) : null;
    }

    /// <summary>The decoded parts of <c>payload.signature</c>, unchecked; null when it is not of that shape.</summary>
    private static (byte[] Payload, byte[] Signature, string[] Fields)? Open(string token)
    {
        var dot = token.IndexOf('.');
        if (dot <= 0) return null;
        try
        {
            var payload = WebEncoders.Base64UrlDecode(token[..dot]);
            var signature = WebEncoders.Base64UrlDecode(token[(dot + 1)..]);
            return (payload, signature, Encoding.UTF8.GetString(payload).Split('\n'));
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
