using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// Signing in and out, first-run setup, invitations, password change and reset, single sign-on. Everything a browser
/// needs before it has a session is anonymous here; the contract is in docs/auth.md.
/// </summary>
public static partial class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Sign-in");
        auth.MapGet("/providers", Providers).AllowAnonymous()
            .WithSummary("How people may sign in: { password: true, setupRequired, external: [{ id, displayName, signInUrl }] }");
        auth.MapGet("/antiforgery", Antiforgery).AllowAnonymous()
            .WithSummary("A token to send as X-CSRF-TOKEN on every state-changing request made with the session cookie; fetch again after signing in");
        auth.MapPost("/login", Login).AllowAnonymous().Accepts<LoginBody>("application/json").ProducesProblem(400).ProducesProblem(401).ProducesProblem(403).ProducesProblem(415).WithSummary("{ email, password } → the session cookie and { user }");
        auth.MapPost("/logout", Logout).RequireAuthorization(Policies.Read).ProducesProblem(400).WithSummary("Ends every session of the signed-in person");
        auth.MapPost("/password", ChangePassword).RequireAuthorization(Policies.Read).Accepts<PasswordChangeBody>("application/json").ProducesProblem(400).ProducesProblem(415).WithSummary("{ currentPassword, newPassword }: other sessions end");
        auth.MapGet("/setup", CheckSetup).AllowAnonymous().ProducesProblem(404).WithSummary("?token= from the first-run link: 200 { expiresAt } while good, else 404");
        auth.MapPost("/setup", Setup).AllowAnonymous().Accepts<SetupBody>("application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(415).WithSummary("{ token, email, password, displayName? } → the first ops user, signed in");
        auth.MapGet("/invitations", CheckInvitation).AllowAnonymous().ProducesProblem(404).WithSummary("?token= from an invitation: { email, displayName, role, expiresAt }, else 404");
        auth.MapPost("/invitations/accept", AcceptInvitation).AllowAnonymous().Accepts<AcceptInvitationBody>("application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(415).WithSummary("{ token, password } → the invited person, signed in");
        auth.MapPost("/password-reset", RequestReset).AllowAnonymous().Accepts<PasswordResetRequestBody>("application/json").ProducesProblem(400).ProducesProblem(415).WithSummary("{ email } → 202; a link goes to that address if it belongs to an active user");
        auth.MapGet("/password-reset", CheckReset).AllowAnonymous().ProducesProblem(404).WithSummary("?token= from a reset email: { email, expiresAt }, else 404");
        auth.MapPost("/password-reset/complete", CompleteReset).AllowAnonymous().Accepts<PasswordResetBody>("application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(415).WithSummary("{ token, password } → 204; every session of that person ends");
        auth.MapGet("/external/{provider}", Challenge).AllowAnonymous().WithSummary("Starts single sign-on (a browser navigation, not fetch); ?returnUrl=/path");
        auth.MapGet("/external/complete", CompleteExternal).AllowAnonymous().ExcludeFromDescription();
        return app;
    }

    /// <summary>A person as the API shows them (never a password hash or stamp).</summary>
    public sealed record UserView(string Id, string Email, string? DisplayName, string Role, string? CsmId, bool Active);

    internal static UserView View(UserRecord u) => new(u.Id, u.Email ?? u.UserName ?? "", u.DisplayName, u.Role, u.CsmId, u.IsActive);

    private static async Task<Ok<SignInProviders>> Providers(OidcOptions oidc, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var setupRequired = !await context.Users.AnyAsync(ct);
        var external = oidc.Enabled
            ? new[] { new ExternalProvider(OidcOptions.Scheme, oidc.DisplayName, $"/api/auth/external/{OidcOptions.Scheme}?returnUrl=/") }
            : [];
        return TypedResults.Ok(new SignInProviders(true, setupRequired, external));
    }

    private static Ok<AntiforgeryToken> Antiforgery(HttpContext http, IAntiforgery antiforgery)
    {
        var tokens = antiforgery.GetAndStoreTokens(http);
        return TypedResults.Ok(new AntiforgeryToken(tokens.RequestToken, CookieAntiforgery.HeaderName));
    }

    private static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> Login(HttpRequest request, UserManager<UserRecord> users, SignInManager<UserRecord> signIn, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await ReadJsonAsync(request, errors, ct);
        if (problem is not null) return problem;
        var email = body!.String("email", FieldLimits.PersonEmail, required: true);
        var password = body.String("password", FieldLimits.Password, required: true);
        if (errors.Count > 0) return Problems.Invalid("The sign-in is incomplete", errors);
        var user = await users.FindByEmailAsync(email!);
        if (user is null) return Refused(401, "invalid", "the email or password is wrong");
        var result = await signIn.CheckPasswordSignInAsync(user, password!, lockoutOnFailure: true);
        if (result.IsLockedOut)
            return Refused(401, "locked-out", "too many failed attempts: this account is locked for a while; try later or reset the password",
                await users.GetLockoutEndDateAsync(user));
        if (!result.Succeeded) return Refused(401, "invalid", "the email or password is wrong");
        if (!user.IsActive) return Refused(403, "deactivated", "this account was deactivated; ask an ops user");
        return TypedResults.Ok(new SignedIn(View(await StartSessionAsync(user, users, signIn, time))));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Logout(HttpContext http, UserManager<UserRecord> users, SignInManager<UserRecord> signIn)
    {
        if (!CallerClaims.IsUser(http.User)) return Problems.BadRequest("Not a session", "an API key has no session to end; revoke the key instead");
        if (await users.GetUserAsync(http.User) is { } user) await users.UpdateSecurityStampAsync(user);
        await signIn.SignOutAsync();
        return TypedResults.NoContent();
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ChangePassword(HttpContext http, UserManager<UserRecord> users, SignInManager<UserRecord> signIn, CancellationToken ct)
    {
        if (!CallerClaims.IsUser(http.User) || await users.GetUserAsync(http.User) is not { } user)
            return Problems.BadRequest("Not a session", "only a signed-in person has a password");
        var errors = new List<DefinitionError>();
        var (body, problem) = await ReadJsonAsync(http.Request, errors, ct);
        if (problem is not null) return problem;
        var current = body!.String("currentPassword", FieldLimits.Password, required: true);
        var next = body.String("newPassword", FieldLimits.Password, required: true);
        if (errors.Count > 0) return Problems.Invalid("The password change is incomplete", errors);
        var result = await users.ChangePasswordAsync(user, current!, next!);
        if (!result.Succeeded)
            return Problems.Invalid("The password was not changed", result.Errors.Select(e =>
                (e.Code == "PasswordMismatch" ? "currentPassword" : "newPassword", e.Description)));
        await signIn.RefreshSignInAsync(user);
        return TypedResults.NoContent();
    }

    /// <summary>Signs the person in (session cookie) and notes when.</summary>
    internal static async Task<UserRecord> StartSessionAsync(UserRecord user, UserManager<UserRecord> users, SignInManager<UserRecord> signIn, TimeProvider time)
    {
        user.LastSignInAt = time.GetUtcNow();
        await users.UpdateAsync(user);
        await signIn.SignInAsync(user, isPersistent: false);
        return user;
    }

    private static ProblemHttpResult Refused(int status, string reason, string detail, DateTimeOffset? lockedUntil = null) =>
        TypedResults.Problem(statusCode: status, title: status == 401 ? "Sign-in failed" : "Sign-in refused", detail: detail,
            extensions: new Dictionary<string, object?> { ["reason"] = reason, ["lockedUntil"] = lockedUntil });

    /// <summary>
    /// Anonymous calls must send JSON: a cross-site HTML form cannot (it would need a CORS preflight), so these calls
    /// cannot be forged even without an antiforgery token.
    /// </summary>
    internal static async Task<(JsonFields? Body, ProblemHttpResult? Problem)> ReadJsonAsync(HttpRequest request, List<DefinitionError> errors, CancellationToken ct)
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
            return (null, TypedResults.Problem(statusCode: 415, title: "JSON required", detail: "send the body as application/json"));
        return await RequestBody.ReadFieldsAsync(request, errors, ct);
    }

    /// <summary>Identity's errors by the field they concern: email/user-name codes → email, the rest → <paramref name="passwordField"/>.</summary>
    internal static IEnumerable<(string, string)> PasswordErrors(IdentityResult result, string passwordField) =>
        result.Errors.Select(e => (e.Code.Contains("Email", StringComparison.Ordinal) || e.Code.Contains("UserName", StringComparison.Ordinal) ? "email" : passwordField, e.Description));
}
