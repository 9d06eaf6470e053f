using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Timers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Events;

/// <summary>
/// Delivers stored events that nobody is delivering: claims them in batches (oldest first, with a lease; SKIP LOCKED on
/// PostgreSQL) — events whose accepting node died before delivering them, or whose delivery failed — and processes each.
/// Delivery is idempotent (one delivery row per event and instance; one enrolment per event and playbook), so an event
/// delivered twice changes nothing the second time.
/// </summary>
public sealed class EventPump(RowClaimer claimer, WorkflowRuntime runtime, Wakeups wakeups, NodeIdentity node, IOptions<EventOptions> options,
    TimeProvider time, ILogger<EventPump> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var o = options.Value;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await DeliverDueAsync(ct) < o.BatchSize) await wakeups.Events.WaitAsync(o.PollInterval, time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "event pump failed; retrying");
                await Task.Delay(o.PollInterval * 10, time, ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    /// <summary>Claims and processes one batch of undelivered events; returns how many were claimed.</summary>
    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var claimed = await claimer.ClaimAsync("events", "deliver_at", null, node.Id, time.GetUtcNow(), o.Lease, o.BatchSize, ct);
        foreach (var row in claimed)
        {
            try
            {
                await runtime.ProcessEventAsync(row.Id, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "event {Event} could not be delivered; it is retried when its lease ends", row.Id);
            }
        }
        if (claimed.Count > 0) log.LogInformation("delivered {Count} event(s) that no node was delivering", claimed.Count);
        return claimed.Count;
    }
}
