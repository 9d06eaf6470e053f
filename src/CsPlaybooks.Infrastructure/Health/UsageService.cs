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
/// Facts, score and events commit together through the account writer (<see cref="AccountWriter.EditManyAsync"/>):
/// for a batch of accounts, set-based — one query per kind of row for the whole batch and one commit. Event ids are
/// derived from account, period and value, so sending the same usage twice raises nothing new.
/// </summary>
public sealed class UsageService(HealthCalculator calculator, AccountWriter accounts, TimeProvider time)
{
    /// <summary>Accounts stored and rescored in one transaction by <see cref="RecordManyAsync"/>.</summary>
    public const int AccountBatch = 200;

    /// <summary>Stores the facts and rescores in one transaction with the events it raises; null when the account does not exist.</summary>
    public async Task<HealthScore?> RecordAsync(string accountId, IReadOnlyList<UsageFact> facts, CancellationToken ct) =>
        facts.Count == 0 ? null : (await ScoreAsync([new(accountId, facts)], ct)).Scores.GetValueOrDefault(accountId);

    /// <summary>Many accounts' facts, <see cref="AccountBatch"/> accounts per transaction; returns the account ids that do not exist (their facts are not stored).</summary>
    public async Task<IReadOnlyList<string>> RecordManyAsync(IReadOnlyList<AccountUsage> usage, CancellationToken ct)
    {
        var missing = new List<string>();
        foreach (var batch in usage.Where(u => u.Facts.Count > 0).Chunk(AccountBatch))
            missing.AddRange((await ScoreAsync(batch, ct)).Missing);
        return missing;
    }

    private async Task<(Dictionary<string, HealthScore> Scores, IReadOnlyList<string> Missing)> ScoreAsync(IReadOnlyList<AccountUsage> batch, CancellationToken ct)
    {
        var byAccount = batch.ToDictionary(u => u.AccountId, u => u.Facts);
        var scores = new Dictionary<string, HealthScore>();
        var missing = await accounts.EditManyAsync(byAccount.Keys.ToList(), "usage",
            (edits, token) => ApplyAsync(edits, byAccount, scores, token),
            async (edit, token) =>
            {
                if (edit.Json is null) return false;
                await ApplyAsync([edit], byAccount, scores, token);
                return true;
            }, ct);
        return (scores, missing);
    }

    /// <summary>Stores the accounts' facts, then scores the period of each account's latest fact, set-based over the batch.</summary>
    private async Task ApplyAsync(IReadOnlyList<AccountEdit> edits, IReadOnlyDictionary<string, IReadOnlyList<UsageFact>> facts, Dictionary<string, HealthScore> scores, CancellationToken ct)
    {
        var context = edits[0].Context;
        await context.Database.BeginTransactionAsync(ct);
        await StoreFactsAsync(context, edits.Select(e => e.AccountId).ToList(), facts, ct);
        var days = edits.ToDictionary(e => e.AccountId, e => facts[e.AccountId].Max(f => f.Date));
        var ids = days.Keys.ToList();
        var latestPeriods = await context.HealthHistory.AsNoTracking().Where(h => ids.Contains(h.AccountId))
            .GroupBy(h => h.AccountId).Select(g => new { AccountId = g.Key, Latest = g.Max(h => h.PeriodStart) }).ToDictionaryAsync(x => x.AccountId, x => x.Latest, ct);
        var periodStarts = days.Values.Select(d => calculator.PeriodOf(d).Start).Distinct().ToList();
        var records = (await context.HealthHistory.Where(h => ids.Contains(h.AccountId) && periodStarts.Contains(h.PeriodStart)).ToListAsync(ct))
            .ToDictionary(h => (h.AccountId, h.PeriodStart));
        var window = await FactWindowsAsync(context, days, ct);
        foreach (var edit in edits)
        {
            edit.RecordsHistory = false; // health keeps its own history
            var (accountId, day) = (edit.AccountId, days[edit.AccountId]);
            var period = calculator.PeriodOf(day);
            var from = HealthUpdate.BaselineFrom(calculator, day);
            var monthStart = new DateOnly(day.Year, day.Month, 1);
            var rows = window[accountId];
            var (score, events) = HealthUpdate.Apply(calculator, accountId, edit.Json!, day,
                rows.Where(f => f.Date >= from && f.Date <= period.End).ToList(), rows.Where(f => f.Date >= monthStart && f.Date <= monthStart.AddMonths(1).AddDays(-1)).ToList(),
                !latestPeriods.TryGetValue(accountId, out var latest) || latest <= period.Start);
            if (!records.TryGetValue((accountId, score.PeriodStart), out var record))
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
            scores[accountId] = score;
        }
    }

    /// <summary>
    /// Upserts the facts of the accounts inside the edit's transaction (the scoring reads them): one query for the rows
    /// already stored, which are updated; new days — nearly all of a daily feed — are appended in bulk (<see cref="AppendedRows"/>).
    /// </summary>
    private static async Task StoreFactsAsync(PlaybooksDbContext context, List<string> accountIds, IReadOnlyDictionary<string, IReadOnlyList<UsageFact>> facts, CancellationToken ct)
    {
        var dates = accountIds.SelectMany(a => facts[a].Select(f => f.Date)).Distinct().ToList();
        var existing = (await context.UsageFacts.Where(u => accountIds.Contains(u.AccountId) && dates.Contains(u.Date)).ToListAsync(ct)).ToDictionary(u => (u.AccountId, u.Date));
        var added = new Dictionary<(string, DateOnly), UsageFactRecord>();
        foreach (var accountId in accountIds)
        foreach (var fact in facts[accountId])
        {
            var key = (accountId, fact.Date);
            if (!existing.TryGetValue(key, out var row) && !added.TryGetValue(key, out row))
                added[key] = row = new UsageFactRecord { AccountId = accountId, Date = fact.Date, FeaturesUsed = "[]" };
            row.ActiveUsers = fact.ActiveUsers;
            row.MaterialInput = fact.MaterialInput;
            row.ContentOutput = fact.ContentOutput;
            row.FeaturesUsed = JsonSerializer.Serialize(fact.FeaturesUsed);
            row.ApiCalls = fact.ApiCalls;
        }
        foreach (var row in added.Values) context.Appended.Add(row);
        await context.SaveChangesAsync(ct);
    }

    /// <summary>Each account's facts from its baseline's start to the end of its period and month: one query per distinct scoring day (a daily feed has one).</summary>
    private async Task<ILookup<string, UsageFact>> FactWindowsAsync(PlaybooksDbContext context, Dictionary<string, DateOnly> days, CancellationToken ct)
    {
        var facts = new List<(string AccountId, UsageFact Fact)>();
        foreach (var group in days.GroupBy(d => d.Value))
        {
            var day = group.Key;
            var monthStart = new DateOnly(day.Year, day.Month, 1);
            var (from, to) = (Min(HealthUpdate.BaselineFrom(calculator, day), monthStart), Max(calculator.PeriodOf(day).End, monthStart.AddMonths(1).AddDays(-1)));
            var ids = group.Select(d => d.Key).ToList();
            var rows = await context.UsageFacts.AsNoTracking().Where(u => ids.Contains(u.AccountId) && u.Date >= from && u.Date <= to).ToListAsync(ct);
            facts.AddRange(rows.Select(r => (r.AccountId, ToFact(r))));
        }
        return facts.ToLookup(f => f.AccountId, f => f.Fact);
    }

    private static DateOnly Min(DateOnly a, DateOnly b) => a < b ? a : b;
    private static DateOnly Max(DateOnly a, DateOnly b) => a > b ? a : b;

    private static UsageFact ToFact(UsageFactRecord r) =>
        new(r.Date, r.ActiveUsers, r.MaterialInput, r.ContentOutput, JsonSerializer.Deserialize<List<string>>(r.FeaturesUsed) ?? [], r.ApiCalls);
}

/// <summary>One account's usage facts, as the batch usage endpoint groups them.</summary>
public sealed record AccountUsage(string AccountId, IReadOnlyList<UsageFact> Facts);
