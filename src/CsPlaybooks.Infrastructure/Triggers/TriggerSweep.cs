using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Success.Triggers;
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
            var today = Instant.FromDateTimeOffset(now).InZone(account.Zone).Date;
            foreach (var playbook in playbooks)
            {
                var key = playbook.TriggerSettings switch
                {
                    ContractDateTriggerSettings contract => ContractKey(playbook, account, contract, today),
                    SegmentTriggerSettings segment => await SegmentKeyAsync(playbook, account.Id, segment.When.Evaluate(account.ToTemplateModel()), today, ct),
                    _ => null,
                };
                if (key is null) continue;
                var result = await runtime.EnrolAsync(new EnrolmentRequest(playbook.Definition.Id, account.Id, $"{playbook.Definition.Trigger!.Type} trigger", key), ct);
                if (result.Status == EnrolmentStatus.Started) enrolled++;
            }
        }
        return new(checkedCount, enrolled);
    }

    private static string? ContractKey(CompiledPlaybook playbook, Success.Accounts.AccountDocument account, ContractDateTriggerSettings settings, LocalDate today)
    {
        var contract = account.Json["contract"] as JsonObject;
        if (settings.PointFor(contract) is not { } point || today < point) return null;
        if (NodaTime.Text.LocalDatePattern.Iso.Parse((string?)contract?["end"] ?? "") is { Success: true } end && today > end.Value) return null;
        if (settings.When is { } when && !when.Evaluate(account.ToTemplateModel())) return null;
        return $"{playbook.Definition.Id}/{account.Id}/contract:{contract?["start"]}:{contract?["end"]}";
    }

    /// <summary>Keeps segment membership; returns an enrolment key only when the account has just entered.</summary>
    private async Task<string?> SegmentKeyAsync(CompiledPlaybook playbook, string accountId, bool inside, LocalDate today, CancellationToken ct)
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
            return null;
        }
        if (member is not null) return null;
        context.SegmentMembers.Add(new SegmentMemberRecord { PlaybookId = playbook.Definition.Id, AccountId = accountId, EnteredAt = time.GetUtcNow() });
        try
        {
            await context.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent sweep (the schedule and a run-now call, or another node) recorded the entry first; it enrols.
            return null;
        }
        return $"{playbook.Definition.Id}/{accountId}/segment:{today:yyyyMMdd}";
    }
}
