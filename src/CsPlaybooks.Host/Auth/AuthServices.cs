using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Http;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// Who calls: a person with a session cookie (local password or OpenID Connect) or a system with an API key. A request
/// with <c>X-Api-Key</c> is judged by the key alone; otherwise by the session cookie. Both give the same claims, so
/// the policies below treat people and keys alike.
/// </summary>
public static class AuthServices
{
    /// <summary>Picks the API key scheme when the header is present, else the session cookie.</summary>
    public const string CallerScheme = "Caller";
    public const string SessionCookie = "csp.session";

    public static IServiceCollection AddCsPlaybooksAuth(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ApiKeyOptions>(configuration.GetSection("Auth"));
        services.Configure<PeopleOptions>(configuration.GetSection("Auth"));
        var signIn = configuration.GetSection("Auth").Get<PeopleOptions>() ?? new PeopleOptions();
        var oidc = configuration.GetSection("Auth:Oidc").Get<OidcOptions>() ?? new OidcOptions();
        services.AddSingleton(oidc);
        services.AddSingleton<ApiKeyRegistry>();
        services.AddSingleton<StoredApiKeys>();
        services.AddSingleton<SignInLinks>();
        services.AddSingleton<SignInEmails>();
        services.AddScoped<OidcSignIn>();
        services.AddHostedService<FirstRunSetup>();

        // Identity's stores work on one context per request, made like every other context (PlaybooksDb).
        services.AddScoped<PlaybooksDbContext>(sp => sp.GetRequiredService<PlaybooksDb>().Create());
        // Sessions and antiforgery tokens are protected with keys every node must share: keep them in the database.
        services.AddDataProtection().SetApplicationName("CsPlaybooks").PersistKeysToDbContext<PlaybooksDbContext>();
        services.AddIdentityCore<UserRecord>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = signIn.PasswordMinLength;
                o.Password.RequireDigit = o.Password.RequireLowercase = o.Password.RequireUppercase = o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 1;
                o.Lockout.AllowedForNewUsers = true;
                o.Lockout.MaxFailedAccessAttempts = signIn.MaxFailedAttempts;
                o.Lockout.DefaultLockoutTimeSpan = signIn.LockoutDuration;
            })
            .AddEntityFrameworkStores<PlaybooksDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<UserClaims>();

        var authentication = services.AddAuthentication(o =>
            {
                o.DefaultScheme = CallerScheme;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(CallerScheme, "API key or session", o => o.ForwardDefaultSelector = context =>
                context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.Header) ? ApiKeyAuthenticationHandler.SchemeName : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null)
            .AddCookie(IdentityConstants.ApplicationScheme, o =>
            {
                o.Cookie.Name = SessionCookie;
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = signIn.SessionIdleTimeout;
                o.SlidingExpiration = true;
                o.Events = new CookieAuthenticationEvents
                {
                    OnValidatePrincipal = SessionValidator.ValidateAsync,
                    OnRedirectToLogin = context => Problem(context.HttpContext, 401, "Sign-in required",
                        $"sign in (POST /api/auth/login, or GET /api/auth/providers for single sign-on) or send an API key in the {ApiKeyAuthenticationHandler.Header} header"),
                    OnRedirectToAccessDenied = context => Problem(context.HttpContext, 403, "Not allowed for your role",
                        $"your role ({context.HttpContext.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value}) may not do this; see docs/auth.md for the roles"),
                };
            })
            .AddCookie(IdentityConstants.ExternalScheme, o =>
            {
                o.Cookie.Name = "csp.external";
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromMinutes(10);
            });
        if (oidc.Enabled) authentication.AddOidcSignIn(oidc);

        services.AddAntiforgery(o =>
        {
            o.HeaderName = CookieAntiforgery.HeaderName;
            o.Cookie.Name = CookieAntiforgery.CookieName;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });

        services.AddAuthorizationBuilder()
            .AddPolicy(Policies.Read, p => p.RequireRole(Roles.All))
            .AddPolicy(Policies.Design, p => p.RequireRole(Roles.Ops))
            .AddPolicy(Policies.Ingest, p => p.RequireRole(Roles.Ops, Roles.Integration))
            .AddPolicy(Policies.ReadTasks, p => p.RequireRole(Roles.Ops, Roles.CsLead, Roles.Csm, Roles.Viewer))
            .AddPolicy(Policies.CompleteTasks, p => p.RequireRole(Roles.Ops, Roles.CsLead, Roles.Csm))
            .AddPolicy(Policies.ReassignTasks, p => p.RequireRole(Roles.Ops, Roles.CsLead))
            .AddPolicy(Policies.EditSuccessCriteria, p => p.RequireRole(Roles.Ops, Roles.CsLead, Roles.Csm))
            .AddPolicy(Policies.DeleteAccounts, p => p.RequireRole(Roles.Ops))
            .AddPolicy(Policies.ManageAccess, p => p.RequireRole(Roles.Ops));
        services.AddCallerRateLimits(configuration);
        return services;
    }

    private static Task Problem(HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }
}
