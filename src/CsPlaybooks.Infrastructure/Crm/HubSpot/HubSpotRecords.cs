using System.Globalization;
using System.Text.Json.Nodes;
using CsPlaybooks.Success.Accounts;

namespace CsPlaybooks.Infrastructure.Crm.HubSpot;

/// <summary>
/// Maps one HubSpot search result (<c>{ id, properties: { … }, updatedAt }</c>) to a <see cref="CrmItem"/> by the
/// configured <see cref="HubSpotMapping"/>; a record the mapping cannot complete carries its skip reason.
/// </summary>
public sealed class HubSpotRecords(HubSpotOptions options)
{
    private HubSpotMapping Mapping => options.Mapping;

    public string AccountIdOf(string companyId) => options.AccountIdPrefix + companyId;

    /// <summary>The properties a search asks for, per object type.</summary>
    public IEnumerable<string> Properties(CrmObjectType type) => (type switch
    {
        CrmObjectType.Companies => ["name", "hs_lastmodifieddate", Mapping.TierProperty, Mapping.IndustryProperty, Mapping.CsmOwnerProperty, Mapping.TimeZoneProperty],
        CrmObjectType.Contacts => ["firstname", "lastname", "email", "lastmodifieddate", Mapping.ContactRoleProperty],
        _ => new[] { "dealname", "hs_lastmodifieddate", "hs_is_closed_won", Mapping.ContractStartProperty, Mapping.ContractEndProperty, Mapping.ContractValueProperty, Mapping.CurrencyProperty },
    }).OfType<string>().Where(p => p.Length > 0).Distinct();

    /// <summary>The property a search filters and sorts on: contacts name it differently from companies and deals.</summary>
    public static string ModifiedProperty(CrmObjectType type) => type == CrmObjectType.Contacts ? "lastmodifieddate" : "hs_lastmodifieddate";

    public CrmCompany Company(JsonObject result, IReadOnlyDictionary<string, string> ownerEmails)
    {
        var (id, modified, p) = Read(result, CrmObjectType.Companies);
        var name = Text(p, "name");
        var ownerId = Text(p, Mapping.CsmOwnerProperty);
        var company = new CrmCompany(id, modified, AccountIdOf(id), name ?? "", TierOf(p, out var tierProblem), Text(p, Mapping.IndustryProperty),
            TimeZoneOf(Text(p, Mapping.TimeZoneProperty)) ?? Mapping.DefaultTimeZone, ownerId is null ? null : ownerEmails.GetValueOrDefault(ownerId));
        return company with { SkipReason = name is null ? "no name: the company property 'name' is empty" : tierProblem };
    }

    public CrmContact Contact(JsonObject result, string? companyId)
    {
        var (id, modified, p) = Read(result, CrmObjectType.Contacts);
        var email = Text(p, "email");
        var name = $"{Text(p, "firstname")} {Text(p, "lastname")}".Trim();
        var role = Text(p, Mapping.ContactRoleProperty) is { } value ? Lookup(Mapping.ContactRoles, value, Lifecycle.ContactRoles) : null;
        return new CrmContact(id, modified, companyId is null ? null : AccountIdOf(companyId), name.Length > 0 ? name : email ?? $"contact {id}", email, role)
        {
            SkipReason = companyId is null ? "not associated with a company" : null,
        };
    }

    public CrmDeal Deal(JsonObject result, string? companyId)
    {
        var (id, modified, p) = Read(result, CrmObjectType.Deals);
        var start = Date(Text(p, Mapping.ContractStartProperty));
        var end = Date(Text(p, Mapping.ContractEndProperty)) ?? start?.AddMonths(Mapping.ContractTermMonths);
        var value = decimal.TryParse(Text(p, Mapping.ContractValueProperty), NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) ? amount : (decimal?)null;
        var reason = companyId is null ? "not associated with a company"
            : start is null ? $"no contract start: the deal property '{Mapping.ContractStartProperty}' is empty or not a date"
            : end <= start ? $"the contract end {end:yyyy-MM-dd} is not after its start {start:yyyy-MM-dd}"
            : null;
        return new CrmDeal(id, modified, companyId is null ? null : AccountIdOf(companyId), Text(p, "dealname") ?? $"deal {id}",
            start ?? default, end ?? default, value, Text(p, Mapping.CurrencyProperty)) { SkipReason = reason };
    }

    private static (string Id, DateTimeOffset Modified, JsonObject Properties) Read(JsonObject result, CrmObjectType type)
    {
        var id = (string?)result["id"] ?? throw new InvalidOperationException("HubSpot answered a search result without an id");
        var properties = result["properties"] as JsonObject ?? [];
        var modified = Time(Text(properties, ModifiedProperty(type))) ?? Time((string?)result["updatedAt"])
            ?? throw new InvalidOperationException($"HubSpot record {id} has no {ModifiedProperty(type)}");
        return (id, modified, properties);
    }

    private string? TierOf(JsonObject properties, out string? problem)
    {
        problem = null;
        if (Text(properties, Mapping.TierProperty) is not { } value)
        {
            problem = $"no tier: the company property '{Mapping.TierProperty}' is empty";
            return null;
        }
        if (Lookup(Mapping.Tiers, value, Lifecycle.Tiers) is { } tier) return tier;
        problem = $"tier \"{value}\" from '{Mapping.TierProperty}' is not mapped: add it to {HubSpotOptions.Section}:Mapping:Tiers";
        return null;
    }

    /// <summary>A mapped value, or the value itself when it already is one of <paramref name="allowed"/>.</summary>
    private static string? Lookup(Dictionary<string, string> map, string value, IReadOnlyCollection<string> allowed)
    {
        var mapped = map.FirstOrDefault(e => string.Equals(e.Key, value, StringComparison.OrdinalIgnoreCase)).Value ?? value;
        return allowed.Contains(mapped) ? mapped : null;
    }

    /// <summary>HubSpot's <c>america_slash_new_york</c> → <c>America/New_York</c>; an IANA id as is; null when unknown.</summary>
    public static string? TimeZoneOf(string? value)
    {
        if (value is null) return null;
        var id = value.Contains('/') ? value : string.Join('/', value.Split("_slash_").Select(Capitalized));
        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) ? id : null;
    }

    /// <summary>"new_york" → "New_York"; a short single word ("us") → "US".</summary>
    private static string Capitalized(string segment) =>
        segment.Length <= 3 && !segment.Contains('_') ? segment.ToUpperInvariant()
        : string.Join('_', segment.Split('_').Where(w => w.Length > 0).Select(w => char.ToUpperInvariant(w[0]) + w[1..]));

    private static string? Text(JsonObject properties, string? name) =>
        name is not null && properties[name] is JsonValue v && v.ToString() is { Length: > 0 } text ? text : null;

    /// <summary>HubSpot sends times as ISO 8601 in search results and as epoch milliseconds in some properties.</summary>
    private static DateTimeOffset? Time(string? text) =>
        text is null ? null
        : long.TryParse(text, out var ms) ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
        : DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t.ToUniversalTime() : null;

    private static DateOnly? Date(string? text) => Time(text) is { } t ? DateOnly.FromDateTime(t.UtcDateTime) : null;
}
