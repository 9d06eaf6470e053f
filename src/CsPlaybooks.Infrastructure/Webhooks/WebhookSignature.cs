using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CsPlaybooks.Infrastructure.Webhooks;

public enum SignatureCheck { Valid, Missing, Malformed, Stale, Mismatch }

/// <summary>
/// The webhook signature, both ways: header <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t." + body&gt;</c>
/// (one <c>v1</c> per key while a key is being rotated). The timestamp is signed with the body, so a receiver that
/// rejects old timestamps cannot be replayed to later.
/// </summary>
public static class WebhookSignature
{
    public const string Header = "X-CsPlaybooks-Signature";

    public static string Sign(byte[] body, DateTimeOffset at, IEnumerable<string> secrets)
    {
        var t = at.ToUnixTimeSeconds();
        return $"t={t}," + string.Join(",", secrets.Select(s => "v1=" + Convert.ToHexStringLower(Mac(s, t, body))));
    }

    /// <summary>Checks a header against the body in constant time per key; <paramref name="tolerance"/> bounds the timestamp's age either way.</summary>
    public static SignatureCheck Verify(string? header, byte[] body, IReadOnlyCollection<string> secrets, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrWhiteSpace(header)) return SignatureCheck.Missing;
        long? t = null;
        var signatures = new List<byte[]>();
        foreach (var part in header.Split(',', StringSplitOptions.TrimEntries))
        {
            var eq = part.IndexOf('=');
            if (eq <= 0) continue;
            var (key, value) = (part[..eq], part[(eq + 1)..]);
            if (key == "t" && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)) t = seconds;
            else if (key == "v1" && value.Length == 64 && TryHex(value) is { } mac) signatures.Add(mac);
        }
        if (t is null || signatures.Count == 0) return SignatureCheck.Malformed;
        if (t < (now - tolerance).ToUnixTimeSeconds() || t > (now + tolerance).ToUnixTimeSeconds()) return SignatureCheck.Stale;
        var expected = secrets.Where(s => s.Length > 0).Select(s => Mac(s, t.Value, body)).ToList();
        return signatures.Any(sig => expected.Any(e => CryptographicOperations.FixedTimeEquals(sig, e))) ? SignatureCheck.Valid : SignatureCheck.Mismatch;
    }

    private static byte[] Mac(string secret, long t, byte[] body)
    {
        var prefix = Encoding.UTF8.GetBytes($"{t}.");
        byte[] message = [.. prefix, .. body];
        return HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), message);
    }

    private static byte[]? TryHex(string hex)
    {
        try { return Convert.FromHexString(hex); }
        catch (FormatException) { return null; }
    }
}
