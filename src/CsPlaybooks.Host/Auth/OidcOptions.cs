namespace CsPlaybooks.Host.Auth;

/// <summary>
/// Sign-in with the company's OpenID Connect provider (Microsoft Entra ID or any other), configuration section
/// <c>Auth:Oidc</c>. On when <see cref="Authority"/> and <see cref="ClientId"/> are set. The provider's
/// <see cref="RoleClaim"/> values (e.g. Entra group ids) map to our roles through <see cref="Roles"/>. See docs/auth.md.
/// </summary>
public sealed class OidcOptions
{
    public const string Scheme = "oidc";
    public const string CallbackPath = "/api/auth/oidc/callback";

    public string? Authority { get; set; }
    public string? ClientId { get; set; }
    public string? ClientSecret { get; set; }
    /// <summary>What the sign-in button says after "Sign in with". Default "OpenID Connect".</summary>
    public string DisplayName { get; set; } = "OpenID Connect";
    /// <summary>Space-separated scopes. Default <c>openid profile email</c>.</summary>
    public string Scope { get; set; } = "openid profile email";
    /// <summary>The claim whose values map to roles. Default <c>groups</c> (Entra ID: group object ids; or use <c>roles</c> for app roles).</summary>
    public string RoleClaim { get; set; } = "groups";
    /// <summary>Role → claim values granting it, e.g. <c>Auth:Oidc:Roles:ops:0 = "3f2a…"</c>. The highest role a person matches wins (ops, cs-lead, csm, viewer).</summary>
    public Dictionary<string, string[]> Roles { get; set; } = new(StringComparer.OrdinalIgnoreCase);
    /// <summary>The role of someone no value maps; null (default): such a person may not sign in.</summary>
    public string? DefaultRole { get; set; }
    public string EmailClaim { get; set; } = "email";
    public string NameClaim { get; set; } = "name";
    /// <summary>Also ask the userinfo endpoint for claims (some providers leave email or groups out of the ID token). Default false.</summary>
    public bool GetClaimsFromUserInfoEndpoint { get; set; }
    /// <summary>Refuse a provider whose metadata is not on HTTPS. Default true; tests against a loopback IdP turn it off.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(Authority) && !string.IsNullOrWhiteSpace(ClientId);

    /// <summary>The role the claim values grant, the highest first; null when none maps and there is no default.</summary>
    public string? RoleFor(IEnumerable<string> claimValues)
    {
        var values = claimValues.ToHashSet(StringComparer.Ordinal);
        foreach (var role in Auth.Roles.People)
            if (Roles.TryGetValue(role, out var granted) && granted.Any(values.Contains)) return role;
        return DefaultRole;
    }
}
