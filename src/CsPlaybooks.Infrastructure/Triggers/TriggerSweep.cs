using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Observability;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Engine.Triggers;
using CsPlaybooks.Success.Accounts;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace CsPlaybooks.Infrastructure.Triggers;

public sealed record SweepResult(int AccountsChecked, int Enrolled);

/// <summary>
/// Evaluates the account-driven triggers over every account (daily by default, see <see cref="TriggerSweepJob"/>):
/// <c>contractDate</c> enrols once per contract term when its point is reached (a renewal's new dates re-arm it; a
/// contract already ended is skipped); <c>segment</c> enrols an account when its condition becomes true.
/// Enrolment keys make a repeated sweep harmless. Set-based: a page of accounts costs a few queries, one membership
/// commit and one enrolment commit, not a context per account and playbook.
/// </summary>
public sealed class TriggerSweep(PlaybooksDb db, PlaybookCatalog catalog, AccountStore accounts, WorkflowRuntime runtime, TimeProvider time)
{
    public async Task<SweepResult> RunAsync(CancellationToken ct)
    {
        using var span = PlaybookTelemetry.StartSweep();
        var playbooks = new List<CompiledPlaybook>();
        await using (var context = db.Create())
        {
            var latest = await context.Playbooks.AsNoTracking().Where(p => p.LatestVersion > 0)
                .Join(context.PlaybookVersions.Where(v => v.TriggerType == "contractDate" || v.TriggerType == "segment"),
                    p => new { p.Id, V = p.LatestVersion }, v => new { Id = v.PlaybookId, V = v.Version }, (p, v) => new { p.Id, v.Version })
                .ToListAsync(ct);
            foreach (var p in latest)
                if (await catalog.GetAsync(p.Id, p.Version, ct) is { } compiled) playbooks.Add(compiled);
        }
        if (playbooks.Count == 0) return new(0, 0);

        int checkedCount = 0, enrolled = 0;
        var now = time.GetUtcNow();
        var page = new List<AccountDocument>(PageSize);
        await foreach (var account in accounts.AllAsync(ct))
        {
            page.Add(account);
            if (page.Count < PageSize) continue;
            enrolled += await SweepPageAsync(page, playbooks, now, ct);
            checkedCount += page.Count;
            page.Clear();
        }
        if (page.Count > 0) enrolled += await SweepPageAsync(page, playbooks, now, ct);
        return new(checkedCount + page.Count, enrolled);
    }

    private const int PageSize = 500;

    /// <summary>
    /// One page of accounts, set-based: every condition evaluated in memory, segment membership read and written once
    /// for the page, and what is due enrolled as one batch
    /// (<see cref="WorkflowRuntime.EnrolManyAsync"/>).
    /// </summary>
    private async Task<int> SweepPageAsync(IReadOnlyList<AccountDocument> page, IReadOnlyList<CompiledPlaybook> playbooks, DateTimeOffset now, CancellationToken ct)
    {
        var due = new List<(CompiledPlaybook Playbook, string AccountId, string Key)>();
        var inside = new HashSet<(string PlaybookId, string AccountId)>();
        foreach (var account in page)
        {
            var facts = new SweepFacts(account.Json, account.ToTemplateModel(), Instant.FromDateTimeOffset(now).InZone(account.Zone).Date);
            foreach (var playbook in playbooks)
            {
                if (playbook.TriggerSettings is not ISweptTrigger trigger || trigger.Occurrence(facts) is not { } occurrence) continue;
                if (trigger.EnrolsOnEntryOnly) inside.Add((playbook.Definition.Id, account.Id));
                due.Add((playbook, account.Id, $"{playbook.Definition.Id}/{account.Id}/{occurrence}"));
            }
        }
        var segments = playbooks.Where(p => p.TriggerSettings is ISweptTrigger { EnrolsOnEntryOnly: true }).Select(p => p.Definition.Id).ToList();
        var entered = segments.Count == 0 ? [] : await UpdateMembershipAsync(page.Select(a => a.Id).ToList(), segments, inside, ct);
        due.RemoveAll(d => d.Playbook.TriggerSettings is ISweptTrigger { EnrolsOnEntryOnly: true } && !entered.Contains((d.Playbook.Definition.Id, d.AccountId)));
        if (due.Count == 0) return 0;

        // The occurrences already enrolled are found by the batch's one query for enrolment keys.
        var results = await runtime.EnrolManyAsync(due
            .Select(d => new EnrolmentRequest(d.Playbook.Definition.Id, d.AccountId, $"{d.Playbook.Definition.Trigger!.Type} trigger", d.Key)).ToList(), ct);
        return results.Count(r => r.Status == EnrolmentStatus.Started);
    }

    /// <summary>Records the page's segment entries and exits in one commit; returns the (playbook, account) pairs that have just entered.</summary>
    private async Task<HashSet<(string PlaybookId, string AccountId)>> UpdateMembershipAsync(List<string> accountIds, List<string> segments, HashSet<(string, string)> inside, CancellationToken ct)
    {
        await using (var context = db.Create())
        {
            var members = await context.SegmentMembers.Where(m => segments.Contains(m.PlaybookId) && accountIds.Contains(m.AccountId)).ToListAsync(ct);
            var known = members.Select(m => (m.PlaybookId, m.AccountId)).ToHashSet();
            context.SegmentMembers.RemoveRange(members.Where(m => !inside.Contains((m.PlaybookId, m.AccountId))));
            var entered = inside.Where(x => !known.Contains(x)).ToHashSet();
            var at = time.GetUtcNow();
            context.SegmentMembers.AddRange(entered.Select(x => new SegmentMemberRecord { PlaybookId = x.Item1, AccountId = x.Item2, EnteredAt = at }));
            try
            {
                await context.SaveChangesAsync(ct);
                return entered;
            }
            catch (DbUpdateException)
            {
                // A concurrent sweep (the schedule and a run-now call, or another node) changed some of them first: settle one by one.
            }
        }
        var settled = new HashSet<(string, string)>();
        foreach (var playbookId in segments)
            foreach (var accountId in accountIds)
                if (await EnteredAsync(playbookId, accountId, inside.Contains((playbookId, accountId)), ct)) settled.Add((playbookId, accountId));
        return settled;
    }

    /// <summary>Keeps segment membership; true only when the account has just entered.</summary>
    private async Task<bool> EnteredAsync(string playbookId, string accountId, bool inside, CancellationToken ct)
    {
        await using var context = db.Create();
        var member = await context.SegmentMembers.FindAsync([playbookId, accountId], ct);
        if (!inside)
        {
            if (member is not null)
            {
                context.SegmentMembers.Remove(member);
                await context.SaveChangesAsync(ct);
            }
            return false;
        }
        if (member is not null) return false;
        context.SegmentMembers.Add(new SegmentMemberRecord { PlaybookId = playbookId, AccountId = accountId, EnteredAt = time.GetUtcNow() });
        try
        {
            await context.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent sweep (the schedule and a run-now call, or another node) recorded the entry first; it enrols.
            return false;
        }
        return true;
    }
}
