using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Timers;
using CsPlaybooks.Infrastructure.Pumps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Events;

/// <summary>
/// Delivers stored events that nobody is delivering: claims them in batches (oldest first, with a lease; SKIP LOCKED on
/// PostgreSQL) — events stored by the batch endpoint, events whose accepting node died before delivering them, or
/// whose delivery failed — and delivers them in batches (<see cref="WorkflowRuntime.DeliverStoredAsync"/>).
/// Delivery is idempotent (one delivery row per event and instance; one enrolment per event and playbook), so an event
/// delivered twice changes nothing the second time.
/// </summary>
public sealed class EventPump(RowClaimer claimer, WorkflowRuntime runtime, Wakeups wakeups, NodeIdentity node, IOptions<EventOptions> options,
    PumpActivity activity, TimeProvider time, ILogger<EventPump> log) : Pump(activity, time, log)
{
    private readonly RunningChunks _chunks = new(options.Value.Parallelism);

    protected override WakeSignal Wake => wakeups.Events;
    protected override TimeSpan PollInterval => options.Value.PollInterval;
    protected override int BatchSize => options.Value.BatchSize;

    public override Task<int> RunOnceAsync(CancellationToken ct) => DeliverDueAsync(ct);

    /// <summary>
    /// Claims one batch of undelivered events and starts delivering it (<see cref="RunningChunks"/>, an account's events
    /// in order); returns how many were claimed, or, finding none, how many events the chunks started earlier delivered
    /// once they have all ended.
    /// </summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var claimed = await claimer.ClaimAsync("events", "deliver_at", null, node.Id, Time.GetUtcNow(), o.Lease, o.BatchSize, ct);
        if (claimed.Count == 0) return await _chunks.FinishAsync();
        foreach (var chunk in await runtime.PendingChunksAsync(claimed.Select(c => c.Id).ToList(), ct))
            await _chunks.StartAsync(chunk.Select(e => e.AccountId).ToHashSet(), chunk.Count, async () =>
            {
                try
                {
                    await runtime.DeliverChunkAsync(chunk, ct);
                }
                catch (OperationCanceledException) when (ct.IsCancellationRequested)
                {
                    // stopping: the lease ends and another pass or node delivers them
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    Log.LogError(e, "{Count} events could not be delivered; they are retried when their lease ends", chunk.Count);
                }
            }, ct);
        Log.LogDebug("delivering {Count} stored event(s)", claimed.Count);
        return claimed.Count;
    }

    /// <summary>Stopping: the chunks still running end too (they see the same cancellation) before the host disposes what they use.</summary>
    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        await _chunks.FinishAsync().WaitAsync(ct);
    }
}
