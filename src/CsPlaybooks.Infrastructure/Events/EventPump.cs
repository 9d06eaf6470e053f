using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Timers;
using CsPlaybooks.Infrastructure.Pumps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Events;

/// <summary>
/// Delivers stored events that nobody is delivering: claims them in batches (oldest first, with a lease; SKIP LOCKED on
/// PostgreSQL) — events stored by the batch endpoint, events whose accepting node died before delivering them, or
/// whose delivery failed — and delivers them in batches of whole accounts (<see cref="WorkflowRuntime.DeliverChunkAsync"/>).
/// Delivery is idempotent (one delivery row per event and instance; one enrolment per event and playbook), so an event
/// delivered twice changes nothing the second time.
/// </summary>
public sealed class EventPump(RowClaimer claimer, WorkflowRuntime runtime, Wakeups wakeups, NodeIdentity node, IOptions<EventOptions> options,
    PumpActivity activity, TimeProvider time, ILogger<EventPump> log) : Pump(activity, time, log)
{
    private readonly RunningChunks _chunks = new(options.Value.Parallelism, log);

    protected override WakeSignal Wake => wakeups.Events;
    protected override TimeSpan PollInterval => options.Value.PollInterval;
    protected override int BatchSize => options.Value.BatchSize;
    protected override RunningChunks Chunks => _chunks;

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
            await _chunks.StartAsync(chunk, e => e.AccountId, "events", runtime.DeliverChunkAsync, ct);
        Log.LogDebug("delivering {Count} stored event(s)", claimed.Count);
        return claimed.Count;
    }
}
