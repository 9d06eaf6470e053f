using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Success.Accounts;

/// <summary>
/// An account's success criteria (DOMAIN.md §1: success is the agreed gap closed): each a metric with its baseline, the
/// current value and the target, a due date, and who on the customer's side agreed it and when. Stored in the account
/// document as <c>successCriteria</c>; <see cref="Progress"/> is the share of the gap closed, read by the account page
/// and by <c>assessRenewal</c>.
/// </summary>
public static class SuccessCriteria
{
    public const string Field = "successCriteria";
    /// <summary>Criteria an account may hold: a success plan names a handful of goals, not a metrics catalogue.</summary>
    public const int MaxCount = 50;
    public const int MetricLength = 200;
    public const int UnitLength = 40;

    /// <summary>
    /// Reads <c>{ criteria: [{ id?, metric, unit?, baseline, current?, target, due?, agreedBy?, agreedAt?, note? }] }</c>;
    /// problems name the field (<c>criteria[1].target</c>). Returns the criteria as they will be stored (ids given to new ones).
    /// </summary>
    public static JsonArray Read(JsonFields body, Func<string> newId)
    {
        if (!body.Has("criteria")) body.Error("criteria", "'criteria' is required: a list (empty to remove every criterion)");
        return ReadList(body, "criteria", newId);
    }

    /// <summary>
    /// The criteria under <paramref name="field"/> (<c>criteria</c> of the success-criteria API, <c>successCriteria</c> of
    /// an account document), checked by one set of rules; problems name the field (<c>successCriteria[1].target</c>).
    /// </summary>
    public static JsonArray ReadList(JsonFields body, string field, Func<string> newId)
    {
        var list = body.Objects(field);
        if (list is { Count: > MaxCount }) body.Error(field, $"at most {MaxCount} success criteria per account, not {list.Count}");
        var criteria = new JsonArray();
        var ids = new HashSet<string>();
        foreach (var item in list ?? [])
        {
            var id = item.String("id", FieldLimits.Id);
            if (id is not null && !ids.Add(id)) item.Error("id", $"'{item.PathOf("id")}' repeats the id \"{id}\"");
            var metric = item.String("metric", MetricLength, required: true);
            var unit = item.String("unit", UnitLength);
            var baseline = Required(item, "baseline");
            var target = Required(item, "target");
            var current = item.Number("current");
            if (baseline is not null && target is not null && baseline == target)
                item.Error("target", $"'{item.PathOf("target")}' must differ from the baseline ({Format(baseline.Value)}): the criterion is the gap between them");
            var due = item.Date("due");
            var agreedBy = item.String("agreedBy", FieldLimits.DisplayName);
            var agreedAt = item.Date("agreedAt");
            var note = item.String("note", FieldLimits.Note);
            if (body.HasErrors) continue;
            var criterion = new JsonObject { ["id"] = id ?? newId(), ["metric"] = metric!.Trim() };
            if (!string.IsNullOrWhiteSpace(unit)) criterion["unit"] = unit.Trim();
            criterion["baseline"] = baseline;
            if (current is not null) criterion["current"] = current;
            criterion["target"] = target;
            if (due is not null) criterion["due"] = $"{due:yyyy-MM-dd}";
            if (!string.IsNullOrWhiteSpace(agreedBy)) criterion["agreedBy"] = agreedBy.Trim();
            if (agreedAt is not null) criterion["agreedAt"] = $"{agreedAt:yyyy-MM-dd}";
            if (!string.IsNullOrWhiteSpace(note)) criterion["note"] = note;
            criteria.Add(criterion);
        }
        return criteria;
    }

    /// <summary>
    /// The version of stored criteria a client read (a hash of their JSON): a write that names another version than the
    /// one stored now was made on criteria someone else has changed since.
    /// </summary>
    public static string Version(JsonArray? criteria)
    {
        var text = (criteria ?? []).ToJsonString();
        return Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>
    /// Stamps who changed each new or changed criterion and when (<c>changedBy</c>, <c>changedAt</c>); unchanged ones keep
    /// their stamps. Compared by id with <paramref name="before"/>, the criteria stored until now.
    /// </summary>
    public static void Stamp(JsonArray criteria, JsonArray? before, string by, DateTimeOffset at)
    {
        var old = (before ?? []).OfType<JsonObject>().Where(c => c["id"] is not null).GroupBy(c => (string?)c["id"]).ToDictionary(g => g.Key!, g => g.First());
        foreach (var criterion in criteria.OfType<JsonObject>())
        {
            if (old.TryGetValue((string)criterion["id"]!, out var previous) && JsonNode.DeepEquals(Content(previous), Content(criterion)))
            {
                criterion["changedBy"] = previous["changedBy"]?.DeepClone();
                criterion["changedAt"] = previous["changedAt"]?.DeepClone();
                continue;
            }
            criterion["changedBy"] = by;
            criterion["changedAt"] = at.ToString("O", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>
    /// The share of the gap from baseline to target closed by the current value (the baseline when none is recorded),
    /// 0–100; null when baseline or target is missing or equal. Works for goals that fall (churn 8 % → 4 %) too.
    /// </summary>
    public static double? Progress(JsonObject criterion)
    {
        var (baseline, target) = (Number(criterion["baseline"]), Number(criterion["target"]));
        var current = Number(criterion["current"]) ?? baseline;
        if (baseline is null || target is null || target == baseline) return null;
        return Math.Clamp((current!.Value - baseline.Value) / (target.Value - baseline.Value) * 100, 0, 100);
    }

    /// <summary>A number, or a number written as text (documents pushed by integrations); null otherwise.</summary>
    public static double? Number(JsonNode? node) => node switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture),
        JsonValue v when v.TryGetValue<string>(out var s) && double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var p) => p,
        _ => null,
    };

    private static double? Required(JsonFields item, string name)
    {
        if (!item.Has(name))
        {
            item.Error(name, $"'{item.PathOf(name)}' is required: a number");
            return null;
        }
        return item.Number(name);
    }

    private static JsonObject Content(JsonObject criterion)
    {
        var copy = (JsonObject)criterion.DeepClone();
        copy.Remove("changedBy");
        copy.Remove("changedAt");
        return copy;
    }

    private static string Format(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
