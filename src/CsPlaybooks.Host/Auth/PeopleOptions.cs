namespace CsPlaybooks.Host.Auth;

/// <summary>How people sign in (configuration section <c>Auth</c>, beside <c>Auth:ApiKeys</c>). See docs/auth.md.</summary>
public sealed class PeopleOptions
{
    /// <summary>A session ends after this long without a request (sliding). Default 8 hours.</summary>
    public TimeSpan SessionIdleTimeout { get; set; } = TimeSpan.FromHours(8);
    /// <summary>Failed password attempts before the account is locked. Default 5.</summary>
    public int MaxFailedAttempts { get; set; } = 5;
    /// <summary>How long a locked account stays locked. Default 15 minutes.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(15);
    /// <summary>Shortest password accepted. Default 10 (no composition rules: length is what counts).</summary>
    public int PasswordMinLength { get; set; } = 10;
    /// <summary>The first-run setup link printed at start-up while no user exists. Default 24 hours.</summary>
    public TimeSpan SetupLinkLifetime { get; set; } = TimeSpan.FromHours(24);
    /// <summary>An invitation link. Default 7 days.</summary>
    public TimeSpan InviteLinkLifetime { get; set; } = TimeSpan.FromDays(7);
    /// <summary>A password reset link. Default 1 hour.</summary>
    public TimeSpan ResetLinkLifetime { get; set; } = TimeSpan.FromHours(1);
}
