using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Infrastructure.Timers;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>
/// Fired timers in batches: one load and one commit for a chunk of instances instead of one round trip and one
/// commit per timer. Every burst still commits atomically with its state, bookmarks, journal and outbox (the batch is
/// one transaction); if the batch cannot commit (an instance changed meanwhile, a lease was lost, a row is gone),
/// nothing of it is kept and each timer is resumed on its own.
/// </summary>
public sealed partial class WorkflowRuntime
{
    public async Task ResumeTimersAsync(IReadOnlyList<ClaimedRow> timers, string leaseHolder, CancellationToken ct)
    {
        var instanceIds = timers.Select(t => InstanceIdOf(t.Id)).Distinct().ToList();
        var committed = await runner.RunBatchAsync(instanceIds, async (context, scopes, token) =>
        {
            if (scopes.Count == 0) return;
            foreach (var group in timers.GroupBy(t => InstanceIdOf(t.Id)))
            {
                if (!scopes.TryGetValue(group.Key, out var scope)) continue;
                foreach (var timer in group.OrderBy(t => t.DueAt))
                {
                    // The claimed row as this claim left it, not read again: its lease end is the concurrency token, so
                    // deleting it fails the batch if the row is gone or another node took it over since.
                    var row = context.Bookmarks.Attach(new BookmarkRecord
                    {
                        Id = timer.Id, InstanceId = group.Key, AccountId = scope.Instance.AccountId, StepId = "", ClaimedBy = leaseHolder, ClaimedUntil = timer.LeaseUntil,
                    }).Entity;
                    var bookmarkId = timer.Id[33..];
                    var burst = interpreter.Resume(scope.Playbook, scope.NewContext(), scope.State, bookmarkId, new ResumeSignal.TimerFired(timer.DueAt));
                    if (burst.Changed) await scope.StageAsync(burst, token);
                    else scope.DropIfStale(row, bookmarkId);
                }
            }
        }, ct);
        if (committed) return;
        foreach (var timer in timers)
        {
            try
            {
                await ResumeBookmarkAsync(timer.Id, new ResumeSignal.TimerFired(timer.DueAt), leaseHolder, ct);
            }
            catch (BurstCommitException e)
            {
                log.LogWarning("timer {Timer}: {Error}", timer.Id, e.Message);
            }
        }
    }
}
