namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>
/// A one-time link token (first-run setup, invitation, password reset). Only its SHA-256 is stored; it is good until
/// <see cref="ExpiresAt"/> or until used once.
/// </summary>
public sealed class SignInLinkRecord
{
    public Guid Id { get; set; }
    /// <summary>setup, invite or reset.</summary>
    public required string Purpose { get; set; }
    public required string Hash { get; set; }
    /// <summary>The user an invitation or reset is for; null for setup.</summary>
    public string? UserId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? UsedAt { get; set; }
}
