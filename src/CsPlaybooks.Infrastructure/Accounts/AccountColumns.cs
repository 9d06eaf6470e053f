using System.Globalization;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Persistence.Entities;

namespace CsPlaybooks.Infrastructure.Accounts;

/// <summary>
/// The one copy of document fields into the account's indexed columns (name, csm id, tier, stage, industry, health band
/// and score, contract end, tags, renewal outcome). <see cref="AccountWriter.Store"/> calls it on every write, so the
/// columns never disagree with the document. Values longer than a column hold are cut (they only narrow filters).
/// </summary>
public static class AccountColumns
{
    public const int Short = 40;
    public const int Industry = 100;
    public const int Tags = 2000;

    public static void Copy(JsonObject json, AccountRecord record)
    {
        record.Name = Text(json["name"], FieldLimits.AccountName) ?? record.Id;
        record.CsmId = Text(json["csmId"], FieldLimits.Id);
        record.Tier = Text(json["tier"], Short);
        record.Stage = Text(json["stage"], Short);
        record.Industry = Text(json["industry"], Industry);
        record.HealthBand = Text(json["health"]?["band"], Short);
        record.HealthScore = json["health"]?["score"] is JsonValue s && s.TryGetValue<double>(out var score) ? (int)Math.Round(score, MidpointRounding.AwayFromZero) : null;
        record.ContractEnd = Text(json["contract"]?["end"], 10) is { } end
            && DateOnly.TryParseExact(end, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;
        var tags = (json["tags"] as JsonArray)?.Select(t => Text(t, Short)).OfType<string>().ToList();
        record.Tags = tags is { Count: > 0 } ? Cut("|" + string.Join("|", tags) + "|", Tags) : null;
        record.Renewed = Renewal(json);
    }

    /// <summary>The LIKE pattern that finds a tag in <see cref="AccountRecord.Tags"/>.</summary>
    public static string TagPattern(string tag) => "%|" + tag.Replace("|", "") + "|%";

    /// <summary>true: the later of reasons.renewal / reasons.non-renewal is a renewal; false: a non-renewal; null: neither.</summary>
    public static bool? Renewal(JsonObject account)
    {
        var renewal = account["reasons"]?["renewal"] as JsonObject;
        var nonRenewal = account["reasons"]?["non-renewal"] as JsonObject;
        if (renewal is null) return nonRenewal is null ? null : false;
        if (nonRenewal is null) return true;
        return (ReasonTime(renewal) ?? DateTimeOffset.MinValue) >= (ReasonTime(nonRenewal) ?? DateTimeOffset.MinValue);
    }

    public static DateTimeOffset? ReasonTime(JsonObject reason) =>
        reason["at"] is JsonValue v && v.TryGetValue<string>(out var s) && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    private static string? Text(JsonNode? node, int max) =>
        node is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? Cut(s, max) : null;

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..max];
}
