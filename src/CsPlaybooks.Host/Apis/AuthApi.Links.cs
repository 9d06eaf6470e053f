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

/// <summary>The one-time links: first-run setup, invitations, password resets.</summary>
public static partial class AuthApi
{
    private static ProblemHttpResult LinkNotFound() => Problems.NotFound("this link is unknown, expired or already used; ask for a new one");

    private static ProblemHttpResult BadLink() => Problems.Invalid("The link cannot be used",
        [("token", "the link is unknown, expired or already used; ask for a new one")]);

    private static async Task<Results<Ok<LinkValidity>, ProblemHttpResult>> CheckSetup(string? token, SignInLinks links, CancellationToken ct) =>
        await links.FindAsync(SignInLinks.Setup, token, ct) is { } link ? TypedResults.Ok(new LinkValidity(link.ExpiresAt)) : LinkNotFound();

    private static async Task<Results<Created<SignedIn>, ProblemHttpResult>> Setup(HttpRequest request, SignInLinks links, PlaybooksDb db, UserManager<UserRecord> users,
        SignInManager<UserRecord> signIn, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await ReadJsonAsync(request, errors, ct);
        if (problem is not null) return problem;
        var token = body!.String("token", FieldLimits.LinkToken, required: true);
        var email = body.String("email", FieldLimits.PersonEmail, required: true);
        var password = body.String("password", FieldLimits.Password, required: true);
        var displayName = body.String("displayName", FieldLimits.PersonName);
        if (errors.Count > 0) return Problems.Invalid("The setup is incomplete", errors);
        if (await links.FindAsync(SignInLinks.Setup, token, ct) is not { } link) return BadLink();
        await using (var context = db.Create())
            if (await context.Users.AnyAsync(ct)) return Problems.Conflict("setup is done: a user exists already; sign in instead");
        var user = new UserRecord
        {
            UserName = email, Email = email, EmailConfirmed = true, Role = Roles.Ops, DisplayName = displayName, CreatedAt = time.GetUtcNow(),
        };
        var created = await users.CreateAsync(user, password!);
        if (!created.Succeeded) return Problems.Invalid("The first user was not created", PasswordErrors(created, "password"));
        if (!await links.UseAsync(link.Id, ct))
        {
            await users.DeleteAsync(user);
            return BadLink();
        }
        return TypedResults.Created("/api/me", new SignedIn(View(await StartSessionAsync(user, users, signIn, time))));
    }

    private static async Task<Results<Ok<InvitationView>, ProblemHttpResult>> CheckInvitation(string? token, SignInLinks links, UserManager<UserRecord> users, CancellationToken ct)
    {
        if (await links.FindAsync(SignInLinks.Invite, token, ct) is not { } link || await users.FindByIdAsync(link.UserId!) is not { IsActive: true } user)
            return LinkNotFound();
        return TypedResults.Ok(new InvitationView(user.Email, user.DisplayName, user.Role, link.ExpiresAt));
    }

    private static async Task<Results<Ok<SignedIn>, ProblemHttpResult>> AcceptInvitation(HttpRequest request, SignInLinks links, UserManager<UserRecord> users,
        SignInManager<UserRecord> signIn, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await ReadJsonAsync(request, errors, ct);
        if (problem is not null) return problem;
        var token = body!.String("token", FieldLimits.LinkToken, required: true);
        var password = body.String("password", FieldLimits.Password, required: true);
        if (errors.Count > 0) return Problems.Invalid("The invitation answer is incomplete", errors);
        if (await links.FindAsync(SignInLinks.Invite, token, ct) is not { } link || await users.FindByIdAsync(link.UserId!) is not { IsActive: true } user)
            return BadLink();
        var set = await users.AddPasswordAsync(user, password!);
        if (!set.Succeeded) return Problems.Invalid("The password was not set", PasswordErrors(set, "password"));
        await links.UseAsync(link.Id, ct);
        user.EmailConfirmed = true;
        return TypedResults.Ok(new SignedIn(View(await StartSessionAsync(user, users, signIn, time))));
    }

    private static async Task<Results<Accepted, ProblemHttpResult>> RequestReset(HttpRequest request, SignInLinks links, UserManager<UserRecord> users, SignInEmails emails,
        IOptions<PeopleOptions> options, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await ReadJsonAsync(request, errors, ct);
        if (problem is not null) return problem;
        var email = body!.String("email", FieldLimits.PersonEmail, required: true);
        if (errors.Count > 0) return Problems.Invalid("The reset request is incomplete", errors);
        if (await users.FindByEmailAsync(email!) is { IsActive: true } user)
        {
            await links.RevokeAsync(SignInLinks.Reset, user.Id, ct);
            var link = await links.CreateAsync(SignInLinks.Reset, user.Id, options.Value.ResetLinkLifetime, ct);
            await emails.SendPasswordResetAsync(user.Email!, user.DisplayName, link.Url, link.ExpiresAt, ct);
        }
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<Results<Ok<ResetLinkView>, ProblemHttpResult>> CheckReset(string? token, SignInLinks links, UserManager<UserRecord> users, CancellationToken ct)
    {
        if (await links.FindAsync(SignInLinks.Reset, token, ct) is not { } link || await users.FindByIdAsync(link.UserId!) is not { IsActive: true } user)
            return LinkNotFound();
        return TypedResults.Ok(new ResetLinkView(user.Email, link.ExpiresAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> CompleteReset(HttpRequest request, SignInLinks links, UserManager<UserRecord> users, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await ReadJsonAsync(request, errors, ct);
        if (problem is not null) return problem;
        var token = body!.String("token", FieldLimits.LinkToken, required: true);
        var password = body.String("password", FieldLimits.Password, required: true);
        if (errors.Count > 0) return Problems.Invalid("The reset is incomplete", errors);
        if (await links.FindAsync(SignInLinks.Reset, token, ct) is not { } link || await users.FindByIdAsync(link.UserId!) is not { IsActive: true } user)
            return BadLink();
        // Identity's own reset (validates the password, changes the security stamp so every session ends).
        var reset = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), password!);
        if (!reset.Succeeded) return Problems.Invalid("The password was not reset", PasswordErrors(reset, "password"));
        if (!await links.UseAsync(link.Id, ct)) return BadLink();
        await users.SetLockoutEndDateAsync(user, null);
        await users.ResetAccessFailedCountAsync(user);
        return TypedResults.NoContent();
    }
}
