using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// One-time links for first-run setup, invitations and password resets: a random token shown once (in the link), kept
/// only as its hash, good until it expires or is used. Using one is a conditional update, so two requests racing with
/// the same link cannot both succeed.
/// </summary>
public sealed class SignInLinks(PlaybooksDb db, TimeProvider time, IOptions<EmailOptions> email)
{
    public const string Setup = "setup";
    public const string Invite = "invite";
    public const string Reset = "reset";

    public sealed record Created(string Token, string Url, DateTimeOffset ExpiresAt);

    /// <summary>The designer page each purpose opens, with the token as <c>?token=</c>.</summary>
    private static string PageFor(string purpose) => purpose switch { Setup => "setup", Invite => "invite", _ => "reset-password" };

    public async Task<Created> CreateAsync(string purpose, string? userId, TimeSpan lifetime, CancellationToken ct)
    {
        var token = ApiKeyHashing.NewToken();
        var now = time.GetUtcNow();
        await using var context = db.Create();
        var link = new SignInLinkRecord
        {
            Id = Guid.NewGuid(), Purpose = purpose, Hash = ApiKeyHashing.Hash(token), UserId = userId, CreatedAt = now, ExpiresAt = now + lifetime,
        };
        context.SignInLinks.Add(link);
        await context.SaveChangesAsync(ct);
        return new Created(token, $"{email.Value.PublicBaseUrl.TrimEnd('/')}/{PageFor(purpose)}?token={token}", link.ExpiresAt);
    }

    /// <summary>The link for this token and purpose if it is still good (not used, not expired).</summary>
    public async Task<SignInLinkRecord?> FindAsync(string purpose, string? token, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(token)) return null;
        var hash = ApiKeyHashing.Hash(token.Trim());
        var now = time.GetUtcNow();
        await using var context = db.Create();
        var link = await context.SignInLinks.AsNoTracking().FirstOrDefaultAsync(l => l.Hash == hash && l.Purpose == purpose, ct);
        return link is { UsedAt: null } && link.ExpiresAt > now ? link : null;
    }

    /// <summary>Marks the link used; false when another request used it first.</summary>
    public async Task<bool> UseAsync(Guid id, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var context = db.Create();
        return await context.SignInLinks.Where(l => l.Id == id && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct) == 1;
    }

    /// <summary>Ends every unused link of this purpose for the user (a new invitation or reset replaces the old ones).</summary>
    public Task RevokeAsync(string purpose, string userId, CancellationToken ct) => RevokeWhereAsync(purpose, userId, ct);

    /// <summary>Ends every unused link of this purpose, whoever it is for (a new setup link replaces the old ones).</summary>
    public Task RevokeAllAsync(string purpose, CancellationToken ct) => RevokeWhereAsync(purpose, null, ct);

    private async Task RevokeWhereAsync(string purpose, string? userId, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        await using var context = db.Create();
        await context.SignInLinks.Where(l => l.Purpose == purpose && (userId == null || l.UserId == userId) && l.UsedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(l => l.UsedAt, now), ct);
    }
}
