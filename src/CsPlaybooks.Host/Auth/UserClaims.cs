using System.Security.Claims;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Auth;

/// <summary>A signed-in person's claims: Identity's (id, user name = email, security stamp) plus role and CSM, as a key has.</summary>
public sealed class UserClaims(UserManager<UserRecord> users, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<UserRecord>(users, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(UserRecord user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        identity.AddClaim(new Claim(ClaimTypes.Role, user.Role));
        identity.AddClaim(new Claim(CallerClaims.Kind, "user"));
        if (!string.IsNullOrWhiteSpace(user.CsmId)) identity.AddClaim(new Claim(CallerClaims.CsmId, user.CsmId));
        if (!string.IsNullOrWhiteSpace(user.DisplayName)) identity.AddClaim(new Claim("display_name", user.DisplayName));
        return identity;
    }
}
