using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Time;
using CsPlaybooks.Engine.Validation;
using NodaTime;

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
    public string Name => Text("name") ?? Id;
    public string? TimeZoneId => Text("timeZone");
    public DateTimeZone Zone => TimeZones.GetOrUtc(TimeZoneId);

    /// <summary>Checks an incoming account; returns the errors (field path + message) or a document.</summary>
    public static (AccountDocument? Account, IReadOnlyList<DefinitionError> Errors) Read(string id, JsonObject json)
    {
        var errors = new List<DefinitionError>();
        var fields = new JsonFields(json, errors);
        if (string.IsNullOrWhiteSpace(id)) errors.Add(new(null, "id", "the account id is required"));
        else if (JsonFields.TextProblem("id", id, FieldLimits.Id) is { } idProblem) errors.Add(new(null, "id", idProblem));
        if (fields.String("id", FieldLimits.Id) is { } bodyId && bodyId != id) errors.Add(new(null, "id", $"the body's id \"{bodyId}\" differs from the URL's \"{id}\""));
        fields.String("name", FieldLimits.AccountName, required: true);
        CheckTimeZone(fields, "timeZone");
        fields.String("csmId", FieldLimits.Id);
        CheckOneOf(fields, "tier", Lifecycle.Tiers);
        CheckOneOf(fields, "stage", Lifecycle.Stages);
        CheckOneOf(fields, "touchModel", Csms.AssignmentRules.TouchModels);
        foreach (var contact in fields.Objects("contacts") ?? [])
        {
            contact.String("id", FieldLimits.Id);
            contact.String("name", FieldLimits.DisplayName);
            if (contact.String("email", FieldLimits.EmailAddress) is { } address && !address.Contains('@'))
                contact.Error("email", $"'{contact.PathOf("email")}' is not an email address: \"{address}\"");
            CheckOneOf(contact, "role", Lifecycle.ContactRoles);
            CheckTimeZone(contact, "timeZone");
        }
        if (fields.Nested("contract") is { } contract)
        {
            contract.Date("start");
            contract.Date("end");
        }
        if (fields.Has(SuccessCriteria.Field)) SuccessCriteria.ReadList(fields, SuccessCriteria.Field, () => "");
        foreach (var (key, _) in json)
            if (key.Length > FieldLimits.AccountField)
                errors.Add(new(null, key[..40] + "…", $"a field name is {key.Length} characters long; at most {FieldLimits.AccountField} are allowed"));
        if (errors.Count == 0 && JsonFields.SizeProblem("account", json, FieldLimits.AccountDocumentBytes) is { } tooLarge)
            errors.Add(new(null, "", tooLarge + "; keep bulky data (files, logs) outside the account"));
        if (errors.Count > 0) return (null, errors);
        var copy = (JsonObject)json.DeepClone();
        copy["id"] = id;
        return (new AccountDocument(id, copy), []);
    }

    private static void CheckTimeZone(JsonFields fields, string field)
    {
        if (fields.String(field, 100) is { } zone && !TimeZones.TryGet(zone, out _))
            fields.Error(field, $"unknown time zone \"{zone}\" in '{fields.PathOf(field)}'; use an IANA id such as \"Europe/Berlin\"");
    }

    private static void CheckOneOf(JsonFields fields, string field, string[] allowed)
    {
        if (fields.String(field, 100) is { } value && !allowed.Contains(value))
            fields.Error(field, $"'{fields.PathOf(field)}' must be one of {string.Join(", ", allowed)}, not \"{value}\"");
    }

    private string? Text(string field) => Json[field] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static AccountDocument FromStored(string id, string json) => new(id, JsonNode.Parse(json)!.AsObject());

    /// <summary>The data templates and conditions see for this account.</summary>
    public TemplateModel ToTemplateModel() => TemplateModel.ForAccount(Json);
}
