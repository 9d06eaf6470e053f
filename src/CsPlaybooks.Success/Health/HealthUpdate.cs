using System.Text.Json.Nodes;

namespace CsPlaybooks.Success.Health;

/// <summary>An event a health update raises: its idempotent id, name and data.</summary>
public sealed record HealthEvent(string Id, string Name, JsonObject Data);

/// <summary>
/// What new usage does to an account document, shared by production's usage intake and the simulation: the period is
/// scored, the month's usage summary is stored in <c>usage.months</c>, the score becomes <c>account.health</c> when it
/// is the latest period, and <c>health.changed</c> (band changed) and <c>usage.dropped</c> (active users fell period
/// over period) are raised. Event ids come from account, period and value, so scoring the same usage twice raises nothing new.
/// </summary>
public static class HealthUpdate
{
    /// <param name="facts">Facts of the period and its baseline periods.</param>
    /// <param name="monthFacts">Every fact of the calendar month of <paramref name="day"/>.</param>
    /// <param name="isLatestPeriod">False when an older period is rescored: the account's current health stays.</param>
    public static (HealthScore Score, IReadOnlyList<HealthEvent> Events) Apply(HealthCalculator calculator, string accountId, JsonObject account,
        DateOnly day, IReadOnlyCollection<UsageFact> facts, IReadOnlyCollection<UsageFact> monthFacts, bool isLatestPeriod)
    {
        var nps = account["surveys"] is JsonObject surveys && surveys["nps"] is JsonObject summary && summary["score"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : (int?)null;
        var score = calculator.Score(day, facts, (int?)account["seats"], (account["features"] as JsonArray)?.Count, nps);
        var drop = calculator.UsageDrop(day, facts);
        var previousBand = (string?)account["health"]?["band"];
        MonthlyUsage.Store(account, new DateOnly(day.Year, day.Month, 1), MonthlyUsage.Summarise(monthFacts));
        if (isLatestPeriod) account["health"] = ToJson(score);
        else previousBand = score.Band;

        var events = new List<HealthEvent>();
        if (previousBand != score.Band)
            events.Add(new($"health.changed:{accountId}:{score.PeriodStart:yyyy-MM-dd}:{score.Band}", "health.changed",
                new JsonObject { ["from"] = previousBand, ["to"] = score.Band, ["score"] = score.Score, ["periodStart"] = score.PeriodStart.ToString("yyyy-MM-dd") }));
        if (drop.Dropped)
            events.Add(new($"usage.dropped:{accountId}:{score.PeriodStart:yyyy-MM-dd}", "usage.dropped",
                new JsonObject { ["previousActiveUsers"] = Math.Round(drop.Previous, 1), ["activeUsers"] = Math.Round(drop.Current, 1), ["periodStart"] = score.PeriodStart.ToString("yyyy-MM-dd") }));
        return (score, events);
    }

    /// <summary>
    /// <see cref="Apply(HealthCalculator, string, JsonObject, DateOnly, IReadOnlyCollection{UsageFact}, IReadOnlyCollection{UsageFact}, bool)"/>
    /// over the account's <paramref name="known"/> facts (at least those of <see cref="DaysRead"/>): the period's and its
    /// baselines', and the month's, are chosen here.
    /// </summary>
    public static (HealthScore Score, IReadOnlyList<HealthEvent> Events) Apply(HealthCalculator calculator, string accountId, JsonObject account,
        DateOnly day, IEnumerable<UsageFact> known, bool isLatestPeriod)
    {
        var read = Read(calculator, day);
        var facts = known.ToList();
        return Apply(calculator, accountId, account, day, facts.Where(f => f.Date >= read.From && f.Date <= read.PeriodEnd).ToList(),
            facts.Where(f => f.Date >= read.Month && f.Date <= read.MonthEnd).ToList(), isLatestPeriod);
    }

    /// <summary>The first and last day of the facts the score of <paramref name="day"/> reads: its baseline periods' start to the end of its period and of its month.</summary>
    public static (DateOnly From, DateOnly To) DaysRead(HealthCalculator calculator, DateOnly day)
    {
        var read = Read(calculator, day);
        return (read.From < read.Month ? read.From : read.Month, read.PeriodEnd > read.MonthEnd ? read.PeriodEnd : read.MonthEnd);
    }

    /// <summary>The two windows the score of <paramref name="day"/> reads: its baseline periods and its period, and its calendar month.</summary>
    private static (DateOnly From, DateOnly PeriodEnd, DateOnly Month, DateOnly MonthEnd) Read(HealthCalculator calculator, DateOnly day)
    {
        var period = calculator.PeriodOf(day);
        var from = period.Start;
        for (var i = 0; i < calculator.Options.BaselinePeriods + 1; i++) from = calculator.Previous((from, from)).Start;
        var month = new DateOnly(day.Year, day.Month, 1);
        return (from, period.End, month, month.AddMonths(1).AddDays(-1));
    }

    public static JsonObject ToJson(HealthScore score) => new()
    {
        ["score"] = score.Score,
        ["band"] = score.Band,
        ["periodStart"] = score.PeriodStart.ToString("yyyy-MM-dd"),
        ["periodEnd"] = score.PeriodEnd.ToString("yyyy-MM-dd"),
        ["indicators"] = new JsonArray(score.Indicators.Select(i => (JsonNode)new JsonObject
        {
            ["name"] = i.Name, ["weight"] = i.Weight, ["value"] = i.Value, ["baseline"] = i.Baseline, ["score"] = i.Score, ["explanation"] = i.Explanation,
        }).ToArray()),
    };
}
