using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Observability;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Engine.Triggers;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace CsPlaybooks.Infrastructure.Triggers;

public sealed record SweepResult(int AccountsChecked, int Enrolled);

/// <summary>
/// Evaluates the account-driven triggers over every account (daily by default, see <see cref="TriggerSweepJob"/>):
/// <c>contractDate</c> enrols once per contract term when its point is reached (a renewal's new dates re-arm it; a
/// contract already ended is skipped); <c>segment</c> enrols an account when its condition becomes true.
/// Enrolment keys make a repeated sweep harmless.
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
        await foreach (var account in accounts.AllAsync(ct))
        {
            checkedCount++;
            var facts = new SweepFacts(account.Json, account.ToTemplateModel(), Instant.FromDateTimeOffset(now).InZone(account.Zone).Date);
            foreach (var playbook in playbooks)
            {
                if (playbook.TriggerSettings is not ISweptTrigger trigger) continue;
                var occurrence = trigger.Occurrence(facts);
                if (trigger.EnrolsOnEntryOnly && !await EnteredAsync(playbook, account.Id, occurrence is not null, ct)) continue;
                if (occurrence is null) continue;
                var key = $"{playbook.Definition.Id}/{account.Id}/{occurrence}";
                var result = await runtime.EnrolAsync(new EnrolmentRequest(playbook.Definition.Id, account.Id, $"{playbook.Definition.Trigger!.Type} trigger", key), ct);
                if (result.Status == EnrolmentStatus.Started) enrolled++;
            }
        }
        return new(checkedCount, enrolled);
    }

    /// <summary>Keeps segment membership; true only when the account has just entered.</summary>
    private async Task<bool> EnteredAsync(CompiledPlaybook playbook, string accountId, bool inside, CancellationToken ct)
    {
        await using var context = db.Create();
        var member = await context.SegmentMembers.FindAsync([playbook.Definition.Id, accountId], ct);
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
        context.SegmentMembers.Add(new SegmentMemberRecord { PlaybookId = playbook.Definition.Id, AccountId = accountId, EnteredAt = time.GetUtcNow() });
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
