using System.Text.Json.Nodes;

namespace CsPlaybooks.Success.Health;

/// <summary>
/// A calendar month of an account's usage, kept in the account as <c>usage.months["yyyy-MM"]</c> (the last 13) so the
/// monthly report and conditions can read it: average daily active users, material input, content output, API
/// calls, and the features used.
/// </summary>
public static class MonthlyUsage
{
    public const int MonthsKept = 13;

    public static JsonObject Summarise(IReadOnlyCollection<UsageFact> monthFacts) => new()
    {
        ["activeUsers"] = monthFacts.Count == 0 ? 0 : Math.Round(monthFacts.Average(f => f.ActiveUsers), 1),
        ["materialInput"] = monthFacts.Sum(f => f.MaterialInput),
        ["contentOutput"] = monthFacts.Sum(f => f.ContentOutput),
        ["apiCalls"] = monthFacts.Sum(f => f.ApiCalls),
        ["features"] = new JsonArray(monthFacts.SelectMany(f => f.FeaturesUsed).Distinct(StringComparer.OrdinalIgnoreCase).Order().Select(f => (JsonNode)f).ToArray()),
        ["days"] = monthFacts.Count,
    };

    /// <summary>Stores a month's summary in the account document, dropping the oldest beyond <see cref="MonthsKept"/>.</summary>
    public static void Store(JsonObject account, DateOnly month, JsonObject summary)
    {
        if (account["usage"] is not JsonObject usage) account["usage"] = usage = new JsonObject();
        if (usage["months"] is not JsonObject months) usage["months"] = months = new JsonObject();
        months[Key(month)] = summary;
        foreach (var old in months.Select(m => m.Key).Order(StringComparer.Ordinal).SkipLast(MonthsKept).ToList()) months.Remove(old);
    }

    public static string Key(DateOnly day) => $"{day.Year:D4}-{day.Month:D2}";
}
