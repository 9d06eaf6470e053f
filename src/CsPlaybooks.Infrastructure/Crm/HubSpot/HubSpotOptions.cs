namespace CsPlaybooks.Infrastructure.Crm.HubSpot;

/// <summary>Configuration section <c>Crm:HubSpot</c> (docs/crm.md).</summary>
public sealed class HubSpotOptions
{
    public const string Section = "Crm:HubSpot";

    /// <summary>A private app's access token (<c>pat-…</c>). Unset: the HubSpot sync is off.</summary>
    public string? AccessToken { get; set; }
    /// <summary>HubSpot's API; changed only in tests.</summary>
    public Uri BaseUrl { get; set; } = new("https://api.hubapi.com/");
    /// <summary>A Quartz cron expression (UTC), e.g. <c>0 0/15 * * * ?</c> every 15 minutes. Unset: no scheduled runs (manual runs still work).</summary>
    public string? Schedule { get; set; }
    /// <summary>Records per page, 1–100 (HubSpot's search maximum). Default 100.</summary>
    public int PageSize { get; set; } = 100;
    /// <summary>Per request. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
    /// <summary>The account id of a company: this prefix and HubSpot's company id. Default "hubspot-".</summary>
    public string AccountIdPrefix { get; set; } = "hubspot-";
    public HubSpotMapping Mapping { get; set; } = new();
}

/// <summary>Which HubSpot properties give which account fields (<c>Crm:HubSpot:Mapping</c>).</summary>
public sealed class HubSpotMapping
{
    /// <summary>The company property holding the tier. Default <c>hs_ideal_customer_profile</c> (HubSpot's "Ideal customer profile tier").</summary>
    public string TierProperty { get; set; } = "hs_ideal_customer_profile";
    /// <summary>
    /// Property value → tier (KA, ordinary, micro). Defaults: tier_1 → KA, tier_2 → ordinary, tier_3 → micro. A value
    /// that is already a tier name maps to itself. A company without a mapped tier is skipped.
    /// </summary>
    public Dictionary<string, string> Tiers { get; set; } = new() { ["tier_1"] = "KA", ["tier_2"] = "ordinary", ["tier_3"] = "micro" };
    /// <summary>The company property holding the industry. Default <c>industry</c>; empty: not synced.</summary>
    public string? IndustryProperty { get; set; } = "industry";
    /// <summary>The company property holding the owner's id; the owner's e-mail picks the CSM with that e-mail. Default <c>hubspot_owner_id</c>; empty: not synced.</summary>
    public string? CsmOwnerProperty { get; set; } = "hubspot_owner_id";
    /// <summary>The company property holding its time zone (HubSpot's <c>europe_slash_berlin</c> or an IANA id). Default <c>timezone</c>.</summary>
    public string? TimeZoneProperty { get; set; } = "timezone";
    /// <summary>The time zone of a new account whose company has none (an IANA id). Default none.</summary>
    public string? DefaultTimeZone { get; set; }
    /// <summary>The contact property holding the contact's role; its values map through <see cref="ContactRoles"/>. Default none.</summary>
    public string? ContactRoleProperty { get; set; }
    /// <summary>Property value → contact role (decision-maker, project-lead, key-user, user).</summary>
    public Dictionary<string, string> ContactRoles { get; set; } = [];
    /// <summary>The closed-won deal property holding the contract start. Default <c>closedate</c>.</summary>
    public string ContractStartProperty { get; set; } = "closedate";
    /// <summary>The deal property holding the contract end. Default none: the start plus <see cref="ContractTermMonths"/>.</summary>
    public string? ContractEndProperty { get; set; }
    /// <summary>The contract term when the deal gives no end. Default 12 months.</summary>
    public int ContractTermMonths { get; set; } = 12;
    /// <summary>The deal property holding the contract value. Default <c>amount</c>.</summary>
    public string? ContractValueProperty { get; set; } = "amount";
    /// <summary>The deal property holding the currency. Default <c>deal_currency_code</c>.</summary>
    public string? CurrencyProperty { get; set; } = "deal_currency_code";
}
