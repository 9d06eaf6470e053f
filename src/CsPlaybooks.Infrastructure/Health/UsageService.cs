using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Success.Health;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Health;

/// <summary>
/// Takes daily usage, keeps the account's health current (score, band, indicators, history) and raises
/// <c>health.changed</c> when the band changes and <c>usage.dropped</c> when active users fall period over period.
/// Event ids are derived from account, period and value, so sending the same usage twice raises nothing new.
/// </summary>
public sealed class UsageService(PlaybooksDb db, HealthCalculator calculator, WorkflowRuntime runtime, TimeProvider time)
{
    public async Task<HealthScore?> RecordAsync(string accountId, IReadOnlyList<UsageFact> facts, CancellationToken ct)
    {
        if (facts.Count == 0) return null;
        await using (var context = db.Create())
        {
            var dates = facts.Select(f => f.Date).ToList();
            var existing = await context.UsageFacts.Where(u => u.AccountId == accountId && dates.Contains(u.Date)).ToDictionaryAsync(u => u.Date, ct);
            foreach (var fact in facts)
            {
                if (!existing.TryGetValue(fact.Date, out var row))
                {
                    row = new UsageFactRecord { AccountId = accountId, Date = fact.Date, FeaturesUsed = "[]" };
                    context.UsageFacts.Add(row);
                    existing[fact.Date] = row;
                }
                row.ActiveUsers = fact.ActiveUsers;
                row.MaterialInput = fact.MaterialInput;
                row.ContentOutput = fact.ContentOutput;
                row.FeaturesUsed = JsonSerializer.Serialize(fact.FeaturesUsed);
                row.ApiCalls = fact.ApiCalls;
            }
            await context.SaveChangesAsync(ct);
        }
        return await RecomputeAsync(accountId, facts.Max(f => f.Date), ct);
    }

    /// <summary>Scores the period of <paramref name="day"/>, stores it, updates <c>account.health</c> and raises events on changes.</summary>
    public async Task<HealthScore> RecomputeAsync(string accountId, DateOnly day, CancellationToken ct)
    {
        var period = calculator.PeriodOf(day);
        var from = period.Start;
        for (var i = 0; i < calculator.Options.BaselinePeriods + 1; i++) from = calculator.Previous((from, from)).Start;
        HealthScore score;
        string? previousBand;
        (bool Dropped, double Previous, double Current) drop;
        await using (var context = db.Create())
        {
            var account = await context.Accounts.FirstAsync(a => a.Id == accountId, ct);
            var document = AccountDocument.FromStored(accountId, account.Json);
            var rows = await context.UsageFacts.AsNoTracking().Where(u => u.AccountId == accountId && u.Date >= from && u.Date <= period.End).ToListAsync(ct);
            var facts = rows.Select(r => new UsageFact(r.Date, r.ActiveUsers, r.MaterialInput, r.ContentOutput,
                JsonSerializer.Deserialize<List<string>>(r.FeaturesUsed) ?? [], r.ApiCalls)).ToList();
            score = calculator.Score(day, facts, (int?)document.Json["seats"], (document.Json["features"] as JsonArray)?.Count);
            drop = calculator.UsageDrop(day, facts);
            previousBand = (string?)document.Json["health"]?["band"];

            var record = await context.HealthHistory.FirstOrDefaultAsync(h => h.AccountId == accountId && h.PeriodStart == score.PeriodStart, ct);
            if (record is null)
            {
                record = new HealthRecord { AccountId = accountId, PeriodStart = score.PeriodStart, Band = score.Band, IndicatorsJson = "[]" };
                context.HealthHistory.Add(record);
            }
            record.PeriodEnd = score.PeriodEnd;
            record.Score = score.Score;
            record.Band = score.Band;
            record.IndicatorsJson = JsonSerializer.Serialize(score.Indicators, JsonSerializerOptions.Web);
            record.ComputedAt = time.GetUtcNow();

            var monthStart = new DateOnly(day.Year, day.Month, 1);
            var monthFacts = await context.UsageFacts.AsNoTracking().Where(u => u.AccountId == accountId && u.Date >= monthStart && u.Date <= monthStart.AddMonths(1).AddDays(-1)).ToListAsync(ct);
            var monthSummary = MonthlyUsage.Summarise(monthFacts.Select(r => new UsageFact(r.Date, r.ActiveUsers, r.MaterialInput, r.ContentOutput,
                JsonSerializer.Deserialize<List<string>>(r.FeaturesUsed) ?? [], r.ApiCalls)).ToList());

            var latestPeriod = await context.HealthHistory.Where(h => h.AccountId == accountId).MaxAsync(h => (DateOnly?)h.PeriodStart, ct);
            var json = JsonNode.Parse(account.Json)!.AsObject();
            MonthlyUsage.Store(json, monthStart, monthSummary);
            if (latestPeriod is null || latestPeriod <= score.PeriodStart) json["health"] = ToJson(score);
            else previousBand = score.Band;
            account.Json = json.ToJsonString();
            account.Revision++;
            account.UpdatedAt = time.GetUtcNow();
            await context.SaveChangesAsync(ct);
        }

        if (previousBand != score.Band)
            await runtime.AcceptEventAsync($"health.changed:{accountId}:{score.PeriodStart:yyyy-MM-dd}:{score.Band}", "health.changed", accountId,
                new JsonObject { ["from"] = previousBand, ["to"] = score.Band, ["score"] = score.Score, ["periodStart"] = score.PeriodStart.ToString("yyyy-MM-dd") }, ct);
        if (drop.Dropped)
            await runtime.AcceptEventAsync($"usage.dropped:{accountId}:{score.PeriodStart:yyyy-MM-dd}", "usage.dropped", accountId,
                new JsonObject { ["previousActiveUsers"] = Math.Round(drop.Previous, 1), ["activeUsers"] = Math.Round(drop.Current, 1), ["periodStart"] = score.PeriodStart.ToString("yyyy-MM-dd") }, ct);
        return score;
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
