using System.Security.Claims;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// OpenID Connect sign-in: authorization code with PKCE, the answer as a query (so Lax cookies suffice). The provider's
/// answer lands in the short-lived external cookie; <see cref="SignInAsync"/> then finds or creates the local user and
/// starts the session.
/// </summary>
public sealed class OidcSignIn(OidcOptions options, UserManager<UserRecord> users, SignInManager<UserRecord> signIn, PlaybooksDb db, TimeProvider time,
    ILogger<OidcSignIn> log)
{
    public sealed record Result(UserRecord? User, string? Error);

    /// <summary>
    /// The local user for the provider's answer: found by the provider's subject, else by email (and linked), else
    /// created. The role comes from the provider's claim on every sign-in (the provider is the source of truth);
    /// a csm is linked to the CSM record with the same email.
    /// </summary>
    public async Task<Result> SignInAsync(ClaimsPrincipal external, CancellationToken ct)
    {
        var subject = external.FindFirstValue("sub");
        var email = external.FindFirstValue(options.EmailClaim);
        if (string.IsNullOrWhiteSpace(subject)) return new(null, "no-subject");
        var role = options.RoleFor(external.FindAll(options.RoleClaim).Select(c => c.Value));
        if (role is null)
        {
            log.LogWarning("OIDC sign-in of {Subject} ({Email}) refused: no {Claim} value maps to a role (Auth:Oidc:Roles)", subject, email, options.RoleClaim);
            return new(null, "no-role");
        }
        var user = await users.FindByLoginAsync(OidcOptions.Scheme, subject);
        if (user is null && !string.IsNullOrWhiteSpace(email)) user = await users.FindByEmailAsync(email);
        if (user is null)
        {
            if (string.IsNullOrWhiteSpace(email)) return new(null, "no-email");
            user = new UserRecord
            {
                UserName = email, Email = email, EmailConfirmed = true, Role = role, CreatedAt = time.GetUtcNow(),
                DisplayName = external.FindFirstValue(options.NameClaim),
            };
            if (!(await users.CreateAsync(user)).Succeeded) return new(null, "create-failed");
        }
        if (!user.IsActive) return new(null, "deactivated");
        if ((await users.GetLoginsAsync(user)).All(l => l.LoginProvider != OidcOptions.Scheme))
            await users.AddLoginAsync(user, new UserLoginInfo(OidcOptions.Scheme, subject, options.DisplayName));
        user.Role = role;
        if (role == Roles.Csm && user.CsmId is null && !string.IsNullOrWhiteSpace(email))
        {
            await using var context = db.Create();
            var lower = email.ToLowerInvariant();
            user.CsmId = await context.Csms.AsNoTracking().Where(c => c.Email != null && c.Email.ToLower() == lower).Select(c => c.Id).FirstOrDefaultAsync(ct);
        }
        user.LastSignInAt = time.GetUtcNow();
        await users.UpdateAsync(user);
        await signIn.SignInAsync(user, isPersistent: false, OidcOptions.Scheme);
        return new(user, null);
    }
}

public static class OidcSignInRegistration
{
    public static AuthenticationBuilder AddOidcSignIn(this AuthenticationBuilder builder, OidcOptions o) =>
        builder.AddOpenIdConnect(OidcOptions.Scheme, o.DisplayName, h =>
        {
            h.Authority = o.Authority;
            h.ClientId = o.ClientId;
            h.ClientSecret = o.ClientSecret;
            h.ResponseType = "code";
            h.ResponseMode = "query";
            h.UsePkce = true;
            h.CallbackPath = OidcOptions.CallbackPath;
            h.SignInScheme = IdentityConstants.ExternalScheme;
            h.MapInboundClaims = false;
            h.SaveTokens = false;
            h.GetClaimsFromUserInfoEndpoint = o.GetClaimsFromUserInfoEndpoint;
            h.RequireHttpsMetadata = o.RequireHttpsMetadata;
            h.Scope.Clear();
            foreach (var scope in o.Scope.Split(' ', StringSplitOptions.RemoveEmptyEntries)) h.Scope.Add(scope);
            h.TokenValidationParameters.NameClaimType = o.NameClaim;
            h.CorrelationCookie.SameSite = h.NonceCookie.SameSite = SameSiteMode.Lax;
            h.CorrelationCookie.SecurePolicy = h.NonceCookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            h.Events.OnRemoteFailure = context =>
            {
                context.Response.Redirect("/signin?error=" + Uri.EscapeDataString("sign-in-failed"));
                context.HandleResponse();
                return Task.CompletedTask;
            };
        });
}
