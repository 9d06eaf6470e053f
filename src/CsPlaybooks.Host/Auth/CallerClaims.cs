using System.Security.Claims;

namespace CsPlaybooks.Host.Auth;

/// <summary>The claims every caller has, person or key: name, role, the CSM it acts as, and what kind of caller it is.</summary>
public static class CallerClaims
{
    public const string CsmId = "csm_id";
    /// <summary>"user" or "key".</summary>
    public const string Kind = "caller_kind";
    /// <summary>For keys: the stored key's id, or <c>config:NAME</c>; partitions rate limits.</summary>
    public const string KeyId = "key_id";

    public static IEnumerable<Claim> ForKey(string keyId, string name, string role, string? csmId)
    {
        yield return new Claim(ClaimTypes.Name, name);
        yield return new Claim(ClaimTypes.Role, role);
        yield return new Claim(Kind, "key");
        yield return new Claim(KeyId, keyId);
        if (!string.IsNullOrWhiteSpace(csmId)) yield return new Claim(CsmId, csmId);
    }

    public static bool IsUser(ClaimsPrincipal user) => user.FindFirstValue(Kind) == "user";
}
