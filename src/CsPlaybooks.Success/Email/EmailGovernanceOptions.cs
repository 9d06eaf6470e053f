namespace CsPlaybooks.Success.Email;

/// <summary>Governance of customer email (configuration section <c>Email</c>: <c>Email:QuietHours:*</c>, <c>Email:Cap:*</c>).</summary>
public sealed class EmailGovernanceOptions
{
    public QuietHoursOptions QuietHours { get; set; } = new();
    public FrequencyCapOptions Cap { get; set; } = new();
}

/// <summary>
/// When customer email may go out, in the recipient's own time zone. Default: Mon–Fri 09:00–17:00.
/// Outside the window an email is deferred to the next opening, never dropped.
/// </summary>
public sealed class QuietHoursOptions
{
    /// <summary>Set false to send at any hour.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>Sending days, comma-separated (<c>Mon,Tue,Wed,Thu,Fri</c>; full names work too).</summary>
    public string Days { get; set; } = "Mon,Tue,Wed,Thu,Fri";
    /// <summary>Local time the window opens (inclusive). Default 09:00.</summary>
    public TimeSpan Start { get; set; } = TimeSpan.FromHours(9);
    /// <summary>Local time the window closes (exclusive). Default 17:00.</summary>
    public TimeSpan End { get; set; } = TimeSpan.FromHours(17);
}

/// <summary>
/// At most <see cref="MaxEmails"/> digital-touch emails to one recipient (by address, across all playbooks and
/// accounts) per rolling <see cref="Window"/>. Default 3 per 7 days; more are deferred until a slot frees.
/// Operational mail neither counts nor is capped.
/// </summary>
public sealed class FrequencyCapOptions
{
    /// <summary>0 turns the cap off.</summary>
    public int MaxEmails { get; set; } = 3;
    public TimeSpan Window { get; set; } = TimeSpan.FromDays(7);
}
