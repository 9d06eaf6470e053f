using System.Text.Json.Nodes;
using NodaTime;
using NodaTime.Text;

namespace CsPlaybooks.Success.Email;

/// <summary>What governance decided for one email at one moment.</summary>
public abstract record GovernanceDecision
{
    public sealed record Send : GovernanceDecision;
    /// <summary>Never send (consent withdrawn, contact gone); recorded with the reason.</summary>
    public sealed record Suppress(string Reason) : GovernanceDecision;
    /// <summary>Not now: try again at <paramref name="Until"/> (quiet hours, frequency cap). Never dropped.</summary>
    public sealed record Defer(Instant Until, string Reason) : GovernanceDecision;
}

/// <summary>The facts governance needs about one email.</summary>
/// <param name="Category">operational or digital-touch.</param>
/// <param name="Contact">The contact as the account holds it now (null when no longer on the account).</param>
/// <param name="Zone">The recipient's zone: the contact's <c>timeZone</c>, else the account's.</param>
/// <param name="RecentSends">When digital-touch emails to the same address were handed over recently (any playbook).</param>
public sealed record EmailCheck(string Category, string Address, JsonObject? Contact, DateTimeZone Zone, IReadOnlyList<Instant> RecentSends, Instant Now);

/// <summary>
/// The rules for customer email, pure so they are tested without a server: consent (digital-touch needs consent not
/// withdrawn; operational is always allowed), quiet hours in the recipient's zone (all categories), and a per-address
/// cap on digital-touch mail over a rolling window. Deferral moves an email to the first instant both the cap and the
/// send window allow.
/// </summary>
public sealed class EmailGovernance(EmailGovernanceOptions options)
{
    private readonly SendWindow? _window = SendWindow.From(options.QuietHours);

    public FrequencyCapOptions Cap => options.Cap;

    public GovernanceDecision Decide(EmailCheck check)
    {
        if (check.Contact is null)
            return new GovernanceDecision.Suppress($"{check.Address} is no longer a contact of the account");
        if (!ContactConsent.Allows(check.Contact, check.Category))
            return new GovernanceDecision.Suppress($"{check.Address} withdrew consent for {check.Category} email");

        var reasons = new List<string>();
        var at = check.Now;
        if (check.Category == EmailCategories.DigitalTouch && CapFreesAt(check.RecentSends, check.Now) is { } free)
        {
            at = free;
            reasons.Add($"frequency cap: {options.Cap.MaxEmails} digital-touch emails to {check.Address} within {Describe(options.Cap.Window)}; a slot frees at {Format(free, check.Zone)}");
        }
        if (_window is not null && _window.NextOpening(at, check.Zone) is var opening && opening != at)
        {
            reasons.Add($"quiet hours in {check.Zone.Id} (sends {_window}): {Format(at, check.Zone)} is outside; the next window opens {Format(opening, check.Zone)}");
            at = opening;
        }
        return at == check.Now ? new GovernanceDecision.Send() : new GovernanceDecision.Defer(at, string.Join("; then ", reasons));
    }

    /// <summary>When the cap allows the next digital-touch email, or null if it allows one now.</summary>
    public Instant? CapFreesAt(IReadOnlyList<Instant> sends, Instant now)
    {
        var cap = options.Cap;
        if (cap.MaxEmails <= 0) return null;
        var window = Duration.FromTimeSpan(cap.Window);
        var inWindow = sends.Where(s => s > now - window && s <= now).Order().ToList();
        if (inWindow.Count < cap.MaxEmails) return null;
        // The oldest sends must leave the window until only MaxEmails - 1 remain.
        return inWindow[inWindow.Count - cap.MaxEmails] + window;
    }

    private static string Format(Instant at, DateTimeZone zone) =>
        ZonedDateTimePattern.CreateWithInvariantCulture("ddd uuuu'-'MM'-'dd HH':'mm o<g>", null).Format(at.InZone(zone)) + $" ({InstantPattern.General.Format(at)})";

    private static string Describe(TimeSpan window) =>
        window.TotalDays >= 1 && window.TotalDays == Math.Floor(window.TotalDays) ? $"{window.TotalDays} days" : window.ToString();
}
