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
/// for a batch of accounts, set-based — one query per kind of row for the whole batch and one save. Event ids are
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

    /// <summary>
    /// Scores the period of each account's latest fact, set-based over the batch, and stages the facts, the health rows
    /// and the events for the account writer's one save. Two reads serve the batch: the stored facts each score needs,
    /// which also tell which posted days are stored already (and are updated, not inserted), and the health rows from
    /// the batch's earliest scored period on. The posted facts are scored as they will be stored.
    /// </summary>
    private async Task ApplyAsync(IReadOnlyList<AccountEdit> edits, IReadOnlyDictionary<string, IReadOnlyList<UsageFact>> facts, Dictionary<string, HealthScore> scores, CancellationToken ct)
    {
        var context = edits[0].Context;
        var posted = edits.ToDictionary(e => e.AccountId, e => facts[e.AccountId].GroupBy(f => f.Date).ToDictionary(g => g.Key, g => g.Last()));
        var days = posted.ToDictionary(p => p.Key, p => p.Value.Keys.Max());
        var window = await FactWindowsAsync(context, posted, days, ct);
        StageFacts(context, posted, window);
        var records = (await HealthRowsAsync(context, days, ct)).ToLookup(r => r.AccountId);
        foreach (var edit in edits)
        {
            edit.RecordsHistory = false; // health keeps its own history
            var (accountId, day) = (edit.AccountId, days[edit.AccountId]);
            var period = calculator.PeriodOf(day);
            var (score, events) = HealthUpdate.Apply(calculator, accountId, edit.Json!, day, window[accountId].Values,
                !records[accountId].Any(r => r.PeriodStart > period.Start));
            var record = records[accountId].FirstOrDefault(r => r.PeriodStart == score.PeriodStart);
            if (record is null)
                context.Appended.Add(record = new HealthRecord { AccountId = accountId, PeriodStart = score.PeriodStart, Band = score.Band, IndicatorsJson = "[]" });
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
    /// Stages the posted facts on the edit's context, for its one save: a day stored already (it is in the account's
    /// window) is updated, a new day — nearly all of a daily feed — appended in bulk (<see cref="AppendedRows"/>). The
    /// window then holds what will be stored. A day stored by a concurrent call meanwhile fails the save on its key, and
    /// the account writer edits each account again on its own.
    /// </summary>
    private static void StageFacts(PlaybooksDbContext context, Dictionary<string, Dictionary<DateOnly, UsageFact>> posted, Dictionary<string, Dictionary<DateOnly, UsageFact>> window)
    {
        foreach (var (accountId, days) in posted)
        foreach (var (date, fact) in days)
        {
            var row = new UsageFactRecord
            {
                AccountId = accountId, Date = date, ActiveUsers = fact.ActiveUsers, MaterialInput = fact.MaterialInput, ContentOutput = fact.ContentOutput,
                FeaturesUsed = JsonSerializer.Serialize(fact.FeaturesUsed), ApiCalls = fact.ApiCalls,
            };
            if (window[accountId].ContainsKey(date)) context.UsageFacts.Update(row);
            else context.Appended.Add(row);
            window[accountId][date] = fact;
        }
    }

    /// <summary>
    /// Each account's stored facts from its baseline's start (or its earliest posted day) to the end of its period and
    /// month, by day: one query per distinct scoring day (a daily feed has one).
    /// </summary>
    private async Task<Dictionary<string, Dictionary<DateOnly, UsageFact>>> FactWindowsAsync(PlaybooksDbContext context,
        Dictionary<string, Dictionary<DateOnly, UsageFact>> posted, Dictionary<string, DateOnly> days, CancellationToken ct)
    {
        var window = days.Keys.ToDictionary(id => id, _ => new Dictionary<DateOnly, UsageFact>());
        foreach (var group in days.GroupBy(d => d.Value))
        {
            var ids = group.Select(d => d.Key).ToList();
            var (read, to) = HealthUpdate.DaysRead(calculator, group.Key);
            var earliestPosted = ids.Min(id => posted[id].Keys.Min());
            var from = read < earliestPosted ? read : earliestPosted;
            var rows = await context.UsageFacts.AsNoTracking().Where(u => ids.Contains(u.AccountId) && u.Date >= from && u.Date <= to).ToListAsync(ct);
            foreach (var row in rows) window[row.AccountId][row.Date] = ToFact(row);
        }
        return window;
    }

    /// <summary>The accounts' health rows from the batch's earliest scored period on (tracked: the period being scored is updated in place).</summary>
    private async Task<List<HealthRecord>> HealthRowsAsync(PlaybooksDbContext context, Dictionary<string, DateOnly> days, CancellationToken ct)
    {
        var ids = days.Keys.ToList();
        var earliest = days.Values.Min(d => calculator.PeriodOf(d).Start);
        return await context.HealthHistory.Where(h => ids.Contains(h.AccountId) && h.PeriodStart >= earliest).ToListAsync(ct);
    }

    private static UsageFact ToFact(UsageFactRecord r) =>
        new(r.Date, r.ActiveUsers, r.MaterialInput, r.ContentOutput, JsonSerializer.Deserialize<List<string>>(r.FeaturesUsed) ?? [], r.ApiCalls);
}

/// <summary>One account's usage facts, as the batch usage endpoint groups them.</summary>
public sealed record AccountUsage(string AccountId, IReadOnlyList<UsageFact> Facts);
