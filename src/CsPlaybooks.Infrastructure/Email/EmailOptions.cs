namespace CsPlaybooks.Infrastructure.Email;

/// <summary>
/// Email delivery (configuration section <c>Email</c>). With no <c>Smtp:Host</c> (the embedded default) emails are
/// written as .eml files to <see cref="PickupDirectory"/>. Governance settings (<c>Email:QuietHours</c>,
/// <c>Email:Cap</c>) are in <see cref="Success.Email.EmailGovernanceOptions"/>.
/// </summary>
public sealed class EmailOptions
{
    /// <summary>Default sender, and the envelope sender (bounces) of every email. Used as From when a step has no CSM or fixed address.</summary>
    public string From { get; set; } = "CsPlaybooks <noreply@csplaybooks.local>";
    public SmtpOptions Smtp { get; set; } = new();
    /// <summary>Where .eml files go when no SMTP host is configured. Default <c>data/outbox</c>.</summary>
    public string PickupDirectory { get; set; } = "data/outbox";
    /// <summary>Base URL customers reach this service at, for unsubscribe links. Default <c>http://localhost:5080</c>.</summary>
    public string PublicBaseUrl { get; set; } = "http://localhost:5080";
}

public sealed class SmtpOptions
{
    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    public string? User { get; set; }
    public string? Password { get; set; }
    /// <summary>true (default): TLS required (implicit on port 465, STARTTLS otherwise); false: plain connection.</summary>
    public bool UseTls { get; set; } = true;
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}
