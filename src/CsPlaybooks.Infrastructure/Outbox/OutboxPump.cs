using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Outbox;

/// <summary>
/// Delivers committed outbox messages at least once: claims due messages with a lease, hands each to its
/// handler, and records sent / retry-later (exponential back-off, persisted so restarts keep the schedule) /
/// failed (an incident on the instance, retryable from the API).
/// </summary>
public sealed class OutboxPump(
    PlaybooksDb db, RowClaimer claimer, IEnumerable<IOutboxHandler> handlers, Wakeups wakeups, NodeIdentity node,
    IOptions<OutboxOptions> options, TimeProvider time, ILogger<OutboxPump> log) : BackgroundService
{
    private readonly Dictionary<string, IOutboxHandler> _handlers = handlers.ToDictionary(h => h.Kind);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var o = options.Value;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                if (await DeliverDueAsync(ct) < o.BatchSize) await wakeups.Outbox.WaitAsync(o.PollInterval, time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "outbox pump failed; retrying");
                await Task.Delay(o.PollInterval * 10, time, ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var claimed = await claimer.ClaimAsync("outbox", "next_attempt_at", "state = 'pending'", node.Id, time.GetUtcNow(), o.Lease, o.BatchSize, ct);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism, CancellationToken = ct },
            async (row, token) => await DeliverAsync(Guid.Parse(row.Id), token));
        return claimed.Count;
    }

    private async Task DeliverAsync(Guid id, CancellationToken ct)
    {
        await using var context = db.Create();
        var message = await context.Outbox.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || message.State != OutboxStates.Pending || message.ClaimedBy != node.Id) return;
        var o = options.Value;
        message.Attempts++;
        try
        {
            if (!_handlers.TryGetValue(message.Kind, out var handler))
                throw new PermanentDeliveryException($"no handler for outbox messages of kind '{message.Kind}'");
            await handler.DeliverAsync(new OutboxDelivery(message.Id, message.InstanceId, message.StepId, message.DedupKey,
                JsonNode.Parse(message.PayloadJson)!.AsObject(), message.Attempts), ct);
            message.State = OutboxStates.Sent;
            message.SentAt = time.GetUtcNow();
            message.LastError = null;
        }
        catch (DeliveryDeferredException d)
        {
            message.Attempts--; // waiting is not a failed attempt
            message.NextAttemptAt = d.Until;
            message.LastError = "deferred: " + d.Reason;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            message.LastError = e.Message;
            if (e is PermanentDeliveryException || message.Attempts >= o.MaxAttempts)
            {
                message.State = OutboxStates.Failed;
                context.Incidents.Add(new IncidentRecord
                {
                    Id = Guid.CreateVersion7(time.GetUtcNow()), InstanceId = message.InstanceId, StepId = message.StepId,
                    Kind = IncidentKinds.DeliveryFailed, OutboxId = message.Id, At = time.GetUtcNow(),
                    Message = $"{message.Kind} could not be delivered after {message.Attempts} attempt(s): {e.Message}",
                });
                log.LogWarning("outbox {Id} ({Kind}) failed: {Error}", message.Id, message.Kind, e.Message);
            }
            else
            {
                message.NextAttemptAt = time.GetUtcNow() + Backoff(message.Attempts, e);
            }
        }
        message.ClaimedBy = null;
        message.ClaimedUntil = null;
        await context.SaveChangesAsync(CancellationToken.None);
    }

    private TimeSpan Backoff(int attempt, Exception e)
    {
        if (e is RetryAfterException { RetryAfter: { } after }) return after;
        var o = options.Value;
        var exponential = o.FirstBackoff * Math.Pow(2, attempt - 1);
        var capped = exponential < o.MaxBackoff ? exponential : o.MaxBackoff;
        return capped * (0.8 + Random.Shared.NextDouble() * 0.4);
    }
}

/// <summary>Thrown by a handler when the remote side said when to come back (HTTP 429/503 Retry-After).</summary>
public sealed class RetryAfterException(string message, TimeSpan? retryAfter) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
