using System.Security.Claims;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.AspNetCore.Authentication;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// Checks a session cookie against the user row on every request (one lookup by primary key): a deactivated user, or
/// one whose security stamp changed (sign-out, password change or reset), is refused at once on every node; a changed
/// role or CSM link is picked up without signing in again.
/// </summary>
public static class SessionValidator
{
    public static async Task ValidateAsync(CookieValidatePrincipalContext context)
    {
        var services = context.HttpContext.RequestServices;
        var stampClaim = services.GetRequiredService<IOptions<IdentityOptions>>().Value.ClaimsIdentity.SecurityStampClaimType;
        var principal = context.Principal!;
        var id = principal.FindFirstValue(ClaimTypes.NameIdentifier);
        await using var db = services.GetRequiredService<PlaybooksDb>().Create();
        var user = id is null ? null : await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.Id == id, context.HttpContext.RequestAborted);
        if (user is null || !user.IsActive || user.SecurityStamp != principal.FindFirstValue(stampClaim))
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
            return;
        }
        if (principal.FindFirstValue(ClaimTypes.Role) != user.Role || principal.FindFirstValue(CallerClaims.CsmId) != user.CsmId)
        {
            var factory = services.GetRequiredService<IUserClaimsPrincipalFactory<UserRecord>>();
            context.ReplacePrincipal(await factory.CreateAsync(user));
            context.ShouldRenew = true;
        }
    }
}
