using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>
/// Fired timers in batches: one load (bookmark rows, instances, accounts) and one commit for up to a chunk of
/// instances, instead of one round trip and one commit per timer. Every burst still commits atomically with its
/// state, bookmarks, journal and outbox (the batch is one transaction); if anything in the batch conflicts (an
/// instance changed meanwhile, a lease was lost), the batch is rolled back and each timer is resumed on its own.
/// </summary>
public sealed partial class WorkflowRuntime
{
    public async Task ResumeTimersAsync(IReadOnlyList<ClaimedRow> timers, string leaseHolder, CancellationToken ct)
    {
        var instanceIds = timers.Select(t => InstanceIdOf(t.Id)).Distinct().ToList();
        using var _ = await locks.AcquireManyAsync(instanceIds, ct);
        List<BurstResult> bursts;
        try
        {
            bursts = await ResumeBatchAsync(timers, instanceIds, leaseHolder, ct);
        }
        catch (DbUpdateException e)
        {
            log.LogDebug(e, "timer batch of {Count} conflicted; resuming its timers one by one", timers.Count);
            _.Dispose();
            foreach (var timer in timers)
                await ResumeBookmarkAsync(timer.Id, new ResumeSignal.TimerFired(timer.DueAt), leaseHolder, ct);
            return;
        }
        bursts.ForEach(Wake);
    }

    private async Task<List<BurstResult>> ResumeBatchAsync(IReadOnlyList<ClaimedRow> timers, List<Guid> instanceIds, string leaseHolder, CancellationToken ct)
    {
        await using var context = db.Create();
        var rowIds = timers.Select(t => t.Id).ToList();
        var rows = await context.Bookmarks.Where(b => rowIds.Contains(b.Id)).ToDictionaryAsync(b => b.Id, ct);
        var instances = await context.Instances.Where(i => instanceIds.Contains(i.Id)).ToDictionaryAsync(i => i.Id, ct);
        var accountIds = instances.Values.Select(i => i.AccountId).Distinct().ToList();
        var accountJson = await context.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, a => a.Json, ct);

        var bursts = new List<BurstResult>();
        var now = time.GetUtcNow();
        foreach (var group in timers.GroupBy(t => InstanceIdOf(t.Id)))
        {
            if (!instances.TryGetValue(group.Key, out var instance)) continue;
            var (playbook, account) = await LoadAsync(instance, accountJson.GetValueOrDefault(instance.AccountId), ct);
            var state = InstanceState.Deserialize(instance.StateJson);
            foreach (var timer in group.OrderBy(t => t.DueAt))
            {
                if (!rows.TryGetValue(timer.Id, out var row) || row.ClaimedBy != leaseHolder) continue;
                var bookmarkId = timer.Id[33..];
                var burst = interpreter.Resume(playbook, ContextFor(instance, account, now), state, bookmarkId, new ResumeSignal.TimerFired(timer.DueAt));
                if (!burst.Changed)
                {
                    if (state.Status != InstanceStatus.Running || state.Bookmarks.All(b => b.Id != bookmarkId)) context.Bookmarks.Remove(row);
                    continue;
                }
                await StageAsync(context, instance, burst, playbook.Definition.Enrolment.Reentry, now, ct);
                bursts.Add(burst);
                state = burst.State;
            }
        }
        await context.SaveChangesAsync(ct);
        return bursts;
    }

    private static Guid InstanceIdOf(string bookmarkRowId) => Guid.ParseExact(bookmarkRowId[..32], "N");
}
