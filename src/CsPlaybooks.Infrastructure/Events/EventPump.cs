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
    protected override WakeSignal Wake => wakeups.Events;
    protected override TimeSpan PollInterval => options.Value.PollInterval;
    protected override int BatchSize => options.Value.BatchSize;

    public override Task<int> RunOnceAsync(CancellationToken ct) => DeliverDueAsync(ct);

    /// <summary>Claims and delivers one batch of undelivered events; returns how many were claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var claimed = await claimer.ClaimAsync("events", "deliver_at", null, node.Id, Time.GetUtcNow(), o.Lease, o.BatchSize, ct);
        if (claimed.Count == 0) return 0;
        await runtime.DeliverStoredAsync(claimed.Select(c => c.Id).ToList(), o.Parallelism, ct);
        Log.LogDebug("delivered {Count} stored event(s)", claimed.Count);
        return claimed.Count;
    }
}
