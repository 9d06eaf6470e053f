using System.Security.Claims;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// People (ops only): list, invite by link, set role / CSM / name, deactivate and reactivate. A deactivated person's
/// sessions end at once. The last active ops user cannot be demoted or deactivated.
/// </summary>
public static class UsersApi
{
    public static IEndpointRouteBuilder MapUsersApi(this IEndpointRouteBuilder app)
    {
        var users = app.MapGroup("/api/users").WithTags("People").RequireAuthorization(Policies.ManageAccess);
        users.MapGet("/", List).WithSummary("{ items: [{ id, email, displayName, role, csmId, active, hasPassword, lockedOut, signInWith, createdAt, lastSignInAt }] }");
        users.MapPost("/invitations", Invite).Accepts<InvitationBody>("application/json").ProducesProblem(400).ProducesProblem(409).WithSummary("{ email, role, csmId (for csm), displayName? } → 201 { user, inviteUrl, expiresAt, emailed }");
        users.MapPut("/{id}", Update).Accepts<UserChangeBody>("application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).WithSummary("{ role, csmId, displayName, active } → the person");
        return app;
    }

    public sealed record UserDetail(string Id, string Email, string? DisplayName, string Role, string? CsmId, bool Active, bool HasPassword,
        bool LockedOut, string[] SignInWith, DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt);

    public sealed record UserList(IEnumerable<UserDetail> Items);

    public sealed record InvitationBody(string Email, string Role, string? CsmId, string? DisplayName);

    /// <summary>An invited person and the link that lets them choose a password (also emailed when email is configured).</summary>
    public sealed record Invited(AuthApi.UserView User, string InviteUrl, DateTimeOffset ExpiresAt, bool Emailed);

    /// <summary>PUT /api/users/{id}: fields left out keep their value.</summary>
    public sealed record UserChangeBody(string? Role, string? CsmId, string? DisplayName, bool? Active);

    private static async Task<Ok<UserList>> List(PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        await using var context = db.Create();
        var users = await context.Users.AsNoTracking().ToListAsync(ct);
        var logins = (await context.UserLogins.AsNoTracking().ToListAsync(ct)).ToLookup(l => l.UserId, l => l.LoginProvider);
        var now = time.GetUtcNow();
        var items = users.OrderBy(u => u.Email).Select(u => new UserDetail(u.Id, u.Email ?? "", u.DisplayName, u.Role, u.CsmId, u.IsActive,
            u.PasswordHash is not null, u.LockoutEnd > now, logins[u.Id].ToArray(), u.CreatedAt, u.LastSignInAt));
        return TypedResults.Ok(new UserList(items));
    }

    private static async Task<Results<Created<Invited>, ProblemHttpResult>> Invite(HttpRequest request, UserManager<UserRecord> users, SignInLinks links, SignInEmails emails,
        PlaybooksDb db, IOptions<PeopleOptions> options, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct);
        if (problem is not null) return problem;
        var email = body!.String("email", FieldLimits.PersonEmail, required: true);
        var displayName = body.String("displayName", FieldLimits.PersonName);
        var role = body.String("role", FieldLimits.Role);
        var csmId = body.String("csmId", FieldLimits.Id);
        await CheckRoleAsync(body, role, csmId, db, ct);
        if (errors.Count > 0) return Problems.Invalid("The invitation is invalid", errors);
        if (await users.FindByEmailAsync(email!) is not null) return Problems.Conflict($"{email} already has an account");
        var user = new UserRecord
        {
            UserName = email, Email = email, Role = role!, CsmId = role == Roles.Csm ? csmId : null, DisplayName = displayName,
            CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user);
        if (!created.Succeeded) return Problems.Invalid("The invitation is invalid", created.Errors.Select(e => ("email", e.Description)));
        var link = await links.CreateAsync(SignInLinks.Invite, user.Id, options.Value.InviteLinkLifetime, ct);
        var emailed = await emails.SendInvitationAsync(user.Email!, user.DisplayName, link.Url, link.ExpiresAt, ct);
        return TypedResults.Created($"/api/users/{user.Id}", new Invited(AuthApi.View(user), link.Url, link.ExpiresAt, emailed));
    }

    private static async Task<Results<Ok<AuthApi.UserView>, ProblemHttpResult>> Update(string id, HttpContext http, UserManager<UserRecord> users, PlaybooksDb db, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(http.Request, errors, ct);
        if (problem is not null) return problem;
        var user = await users.FindByIdAsync(id);
        if (user is null) return Problems.NotFound($"no user {id}");
        var role = body!.Has("role") ? body.String("role", FieldLimits.Role) : user.Role;
        var csmId = body.Has("csmId") ? body.String("csmId", FieldLimits.Id) : user.CsmId;
        var active = body.Bool("active") ?? user.IsActive;
        var displayName = body.String("displayName", FieldLimits.PersonName);
        await CheckRoleAsync(body, role, csmId, db, ct);
        if (errors.Count > 0) return Problems.Invalid("The change is invalid", errors);
        if (user.Role == Roles.Ops && user.IsActive && (role != Roles.Ops || !active))
        {
            await using var context = db.Create();
            if (await context.Users.CountAsync(u => u.Role == Roles.Ops && u.IsActive, ct) <= 1)
                return Problems.Conflict("this is the last active ops user: make someone else ops first");
        }
        var endSessions = user.IsActive && !active;
        user.Role = role!;
        user.CsmId = role == Roles.Csm ? csmId : null;
        user.IsActive = active;
        if (body.Has("displayName")) user.DisplayName = displayName;
        var updated = await users.UpdateAsync(user);
        if (!updated.Succeeded) return Problems.Conflict(string.Join("; ", updated.Errors.Select(e => e.Description)));
        if (endSessions) await users.UpdateSecurityStampAsync(user);
        return TypedResults.Ok(AuthApi.View(user));
    }

    /// <summary>A person's role must be one a person may hold; a csm must name an existing CSM record.</summary>
    internal static async Task CheckRoleAsync(JsonFields body, string? role, string? csmId, PlaybooksDb db, CancellationToken ct, string[]? allowed = null)
    {
        allowed ??= Roles.People;
        if (body.HasErrorAt("role") || body.HasErrorAt("csmId")) return;
        if (role is null || !allowed.Contains(role))
        {
            body.Error("role", $"'role' must be one of {string.Join(", ", allowed)}");
            return;
        }
        if (role != Roles.Csm) return;
        if (string.IsNullOrWhiteSpace(csmId))
        {
            body.Error("csmId", "a csm must be linked to a CSM: give 'csmId' (see GET /api/csms)");
            return;
        }
        await using var context = db.Create();
        if (!await context.Csms.AnyAsync(c => c.Id == csmId, ct)) body.Error("csmId", $"no CSM '{csmId}' (see GET /api/csms)");
    }

    internal static string Who(ClaimsPrincipal user) => user.FindFirstValue(ClaimTypes.Name) ?? "unknown";
}
