namespace CsPlaybooks.Success.Email;

/// <summary>
/// Consent categories of customer email. <c>operational</c> mail (about the service the customer bought) is always
/// allowed; <c>digital-touch</c> mail (nudges, offers, success stories) needs consent not withdrawn and counts
/// toward the per-contact cap.
/// </summary>
public static class EmailCategories
{
    public const string Operational = "operational";
    public const string DigitalTouch = "digital-touch";
    public static readonly string[] All = [Operational, DigitalTouch];
}

/// <summary>The roles a contact can have on an account, used to pick recipients.</summary>
public static class ContactRoles
{
    public static readonly string[] All = ["decision-maker", "project-lead", "key-user", "user"];
}
