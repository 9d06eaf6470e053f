using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Outbox;

/// <summary>Puts an instance's failed deliveries back in the queue (from the API's retry) and resolves their incidents.</summary>
public sealed class DeliveryRetries(PlaybooksDb db, Wakeups wakeups, TimeProvider time)
{
    public async Task<int> RequeueAsync(Guid instanceId, CancellationToken ct)
    {
        await using var context = db.Create();
        var now = time.GetUtcNow();
        var count = await context.Outbox.Where(o => o.InstanceId == instanceId && o.State == OutboxStates.Failed)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.State, OutboxStates.Pending).SetProperty(o => o.Attempts, 0).SetProperty(o => o.FailingSince, (DateTimeOffset?)null)
                .SetProperty(o => o.NextAttemptAt, now).SetProperty(o => o.ClaimedUntil, (DateTimeOffset?)null).SetProperty(o => o.ClaimedBy, (string?)null), ct);
        if (count == 0) return 0;
        await context.Incidents.Where(i => i.InstanceId == instanceId && i.Kind == IncidentKinds.DeliveryFailed && i.ResolvedAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.ResolvedAt, now), ct);
        wakeups.Outbox.Set();
        return count;
    }
}
