using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Time;
using NodaTime;
using NodaTime.Text;

namespace CsPlaybooks.Success.Accounts;

/// <summary>
/// An account as integrations send it (see docs/accounts.md): id, name, tier, timeZone, csmId, stage, contract,
/// contacts, successCriteria… Kept as JSON so new fields need no migration; the fields playbooks rely on are checked.
/// </summary>
public sealed class AccountDocument
{
    private AccountDocument(string id, JsonObject json)
    {
        Id = id;
        Json = json;
    }

    public string Id { get; }
    public JsonObject Json { get; }
    public string Name => (string?)Json["name"] ?? Id;
    public string? TimeZoneId => (string?)Json["timeZone"];
    public DateTimeZone Zone => TimeZones.GetOrUtc(TimeZoneId);

    /// <summary>Checks an incoming account; returns the errors (field + message) or a document.</summary>
    public static (AccountDocument? Account, IReadOnlyList<DefinitionError> Errors) Read(string id, JsonObject json)
    {
        var errors = new List<DefinitionError>();
        if (string.IsNullOrWhiteSpace(id)) errors.Add(new(null, "id", "the account id is required"));
        if (json["id"] is { } bodyId && (string?)bodyId != id) errors.Add(new(null, "id", $"the body's id \"{bodyId}\" differs from the URL's \"{id}\""));
        if (json["name"] is not JsonValue name || string.IsNullOrWhiteSpace((string?)name)) errors.Add(new(null, "name", "'name' is required"));
        if (json["timeZone"] is { } tz && !TimeZones.TryGet((string?)tz, out _))
            errors.Add(new(null, "timeZone", $"unknown time zone \"{tz}\"; use an IANA id such as \"Europe/Berlin\""));
        CheckOneOf(json, "tier", Lifecycle.Tiers, errors);
        CheckOneOf(json, "stage", Lifecycle.Stages, errors);
        CheckOneOf(json, "touchModel", Csms.AssignmentRules.TouchModels, errors);
        if (json["contacts"] is JsonArray contacts)
        {
            for (var i = 0; i < contacts.Count; i++)
            {
                if (contacts[i] is not JsonObject contact)
                {
                    errors.Add(new(null, $"contacts[{i}]", "each contact must be an object"));
                    continue;
                }
                if (contact["email"] is { } email && ((string?)email is not { } address || !address.Contains('@')))
                    errors.Add(new(null, $"contacts[{i}].email", $"contact #{i + 1} has an invalid 'email' ({email.ToJsonString()})"));
                if ((string?)contact["role"] is { } role && !Lifecycle.ContactRoles.Contains(role))
                    errors.Add(new(null, $"contacts[{i}].role", $"'role' must be one of {string.Join(", ", Lifecycle.ContactRoles)}, not \"{role}\""));
                if (contact["timeZone"] is { } ctz && !TimeZones.TryGet((string?)ctz, out _))
                    errors.Add(new(null, $"contacts[{i}].timeZone", $"unknown time zone \"{ctz}\""));
            }
        }
        else if (json["contacts"] is not null) errors.Add(new(null, "contacts", "'contacts' must be a list"));
        if (json["contract"] is JsonObject contract)
        {
            foreach (var field in new[] { "start", "end" })
                if (contract[field] is { } d && !LocalDatePattern.Iso.Parse((string?)d ?? "").Success)
                    errors.Add(new(null, $"contract.{field}", $"'contract.{field}' must be a date yyyy-MM-dd, not \"{d}\""));
        }
        else if (json["contract"] is not null) errors.Add(new(null, "contract", "'contract' must be an object"));
        if (errors.Count > 0) return (null, errors);
        var copy = (JsonObject)json.DeepClone();
        copy["id"] = id;
        return (new AccountDocument(id, copy), []);
    }

    private static void CheckOneOf(JsonObject json, string field, string[] allowed, List<DefinitionError> errors)
    {
        if (json[field] is { } value && (value is not JsonValue v || !v.TryGetValue<string>(out var text) || !allowed.Contains(text)))
            errors.Add(new(null, field, $"'{field}' must be one of {string.Join(", ", allowed)}, not {value.ToJsonString()}"));
    }

    public static AccountDocument FromStored(string id, string json) => new(id, JsonNode.Parse(json)!.AsObject());

    /// <summary>The data templates and conditions see for this account.</summary>
    public TemplateModel ToTemplateModel() => new TemplateModel()
        .Set("account", Json.DeepClone())
        .Set("contract", Json["contract"]?.DeepClone())
        .Set("contacts", Json["contacts"]?.DeepClone() ?? new JsonArray())
        .Set("health", Json["health"]?.DeepClone())
        .Set("csm", Json["csm"]?.DeepClone());
}
