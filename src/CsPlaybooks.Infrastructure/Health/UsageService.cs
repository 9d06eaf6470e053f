using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Success.Health;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Health;

/// <summary>
/// Takes daily usage, keeps the account's health current (score, band, indicators, history) and raises
/// <c>health.changed</c> when the band changes and <c>usage.dropped</c> when active users fall period over period.
/// Facts, score and events commit together (<see cref="AccountWriter"/>). Event ids are derived from account, period
/// and value, so sending the same usage twice raises nothing new.
/// </summary>
public sealed class UsageService(HealthCalculator calculator, AccountWriter accounts, TimeProvider time)
{
    /// <summary>
    /// Stores the facts and rescores in one transaction with the events it raises; null when the account does not exist.
    /// </summary>
    public Task<HealthScore?> RecordAsync(string accountId, IReadOnlyList<UsageFact> facts, CancellationToken ct) =>
        facts.Count == 0 ? Task.FromResult<HealthScore?>(null) : ScoreAsync(accountId, facts.Max(f => f.Date), facts, ct);

    /// <summary>Scores the period of <paramref name="day"/>, stores it, updates <c>account.health</c> and raises events on changes.</summary>
    public Task<HealthScore?> RecomputeAsync(string accountId, DateOnly day, CancellationToken ct) => ScoreAsync(accountId, day, null, ct);

    private async Task<HealthScore?> ScoreAsync(string accountId, DateOnly day, IReadOnlyList<UsageFact>? facts, CancellationToken ct)
    {
        HealthScore? score = null;
        await accounts.EditAsync(accountId, "usage", async (edit, ct) =>
        {
            if (edit.Json is null) return false;
            if (facts is not null)
            {
                await edit.Context.Database.BeginTransactionAsync(ct);
                await StoreFactsAsync(edit.Context, accountId, facts, ct);
            }
            score = await RescoreAsync(edit, day, ct);
            return true;
        }, ct);
        return score;
    }

    private static async Task StoreFactsAsync(PlaybooksDbContext context, string accountId, IReadOnlyList<UsageFact> facts, CancellationToken ct)
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
        await context.SaveChangesAsync(ct); // inside the edit's transaction: the scoring below reads them
    }

    private async Task<HealthScore> RescoreAsync(AccountEdit edit, DateOnly day, CancellationToken ct)
    {
        var (context, accountId, json) = (edit.Context, edit.AccountId, edit.Json!);
        edit.RecordsHistory = false; // health keeps its own history
        var period = calculator.PeriodOf(day);
        var from = HealthUpdate.BaselineFrom(calculator, day);
        var rows = await context.UsageFacts.AsNoTracking().Where(u => u.AccountId == accountId && u.Date >= from && u.Date <= period.End).ToListAsync(ct);
        var monthStart = new DateOnly(day.Year, day.Month, 1);
        var monthFacts = await context.UsageFacts.AsNoTracking().Where(u => u.AccountId == accountId && u.Date >= monthStart && u.Date <= monthStart.AddMonths(1).AddDays(-1)).ToListAsync(ct);
        var latestPeriod = await context.HealthHistory.Where(h => h.AccountId == accountId).MaxAsync(h => (DateOnly?)h.PeriodStart, ct);
        var (score, events) = HealthUpdate.Apply(calculator, accountId, json, day, rows.Select(ToFact).ToList(), monthFacts.Select(ToFact).ToList(),
            latestPeriod is null || latestPeriod <= period.Start);

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
        foreach (var e in events) edit.Raise(e.Id, e.Name, e.Data);
        return score;
    }

    private static UsageFact ToFact(UsageFactRecord r) =>
        new(r.Date, r.ActiveUsers, r.MaterialInput, r.ContentOutput, JsonSerializer.Deserialize<List<string>>(r.FeaturesUsed) ?? [], r.ApiCalls);
}
