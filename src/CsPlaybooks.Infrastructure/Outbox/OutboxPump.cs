using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Observability;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Timers;
using Microsoft.EntityFrameworkCore;
using CsPlaybooks.Infrastructure.Pumps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Outbox;

/// <summary>
/// Delivers committed outbox messages at least once: claims due messages with a lease, hands each to its
/// handler, and records sent / retry-later (exponential back-off, persisted so restarts keep the schedule, for
/// <see cref="OutboxOptions.RetryFor"/> from the first failure in a row) / failed (an incident on the instance,
/// retryable from the API). A permanent failure fails at once.
/// </summary>
public sealed class OutboxPump(
    PlaybooksDb db, RowClaimer claimer, IEnumerable<IOutboxHandler> handlers, Wakeups wakeups, NodeIdentity node,
    IOptions<OutboxOptions> options, PumpActivity activity, TimeProvider time, ILogger<OutboxPump> log) : Pump(activity, time, log)
{
    private readonly Dictionary<string, IOutboxHandler> _handlers = handlers.ToDictionary(h => h.Kind);

    protected override WakeSignal Wake => wakeups.Outbox;
    protected override TimeSpan PollInterval => options.Value.PollInterval;
    protected override int BatchSize => options.Value.BatchSize;

    public override Task<int> RunOnceAsync(CancellationToken ct) => DeliverDueAsync(ct);

    public async Task<int> DeliverDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var claimed = await claimer.ClaimAsync("outbox", "next_attempt_at", "state = 'pending'", node.Id, Time.GetUtcNow(), o.Lease, o.BatchSize, ct);
        await Parallel.ForEachAsync(claimed, new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism, CancellationToken = ct },
            async (row, token) => await DeliverAsync(Guid.Parse(row.Id), token));
        return claimed.Count;
    }

    private async Task DeliverAsync(Guid id, CancellationToken ct)
    {
        await using var context = db.Create();
        var message = await context.Outbox.FirstOrDefaultAsync(m => m.Id == id, ct);
        if (message is null || message.State != OutboxStates.Pending || message.ClaimedBy != node.Id) return;
        using var span = PlaybookTelemetry.StartDelivery(message);
        using var logScope = Log.BeginScope(new Dictionary<string, object> { ["InstanceId"] = message.InstanceId, ["OutboxId"] = message.Id, ["Kind"] = message.Kind });
        var o = options.Value;
        var now = Time.GetUtcNow();
        message.Attempts++;
        var lastChance = message.FailingSince is { } since && now - since >= o.RetryFor;
        try
        {
            if (!_handlers.TryGetValue(message.Kind, out var handler))
                throw new PermanentDeliveryException($"no handler for outbox messages of kind '{message.Kind}'");
            await handler.DeliverAsync(new OutboxDelivery(message.Id, message.InstanceId, message.StepId, message.DedupKey,
                JsonNode.Parse(message.PayloadJson)!.AsObject(), message.Attempts, lastChance), ct);
            message.State = OutboxStates.Sent;
            message.SentAt = Time.GetUtcNow();
            message.LastError = null;
            message.FailingSince = null;
        }
        catch (DeliveryDeferredException d)
        {
            message.Attempts--; // waiting is not a failed attempt
            message.NextAttemptAt = d.Until;
            message.LastError = "deferred: " + d.Reason;
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            message.LastError = e.Message;
            message.FailingSince ??= now;
            if (e is PermanentDeliveryException || lastChance)
            {
                message.State = OutboxStates.Failed;
                var why = e is PermanentDeliveryException ? "could not be delivered" : $"still failing after {Describe(now - message.FailingSince.Value)} of retries ({message.Attempts} attempts)";
                context.Incidents.Add(new IncidentRecord
                {
                    Id = Guid.CreateVersion7(now), InstanceId = message.InstanceId, StepId = message.StepId,
                    Kind = IncidentKinds.DeliveryFailed, OutboxId = message.Id, At = now,
                    Message = $"{message.Kind} {why}: {e.Message}",
                });
                Log.LogWarning("outbox {Id} ({Kind}) failed: {Error}", message.Id, message.Kind, e.Message);
            }
            else
            {
                message.NextAttemptAt = now + Backoff(message.Attempts, e);
            }
        }
        message.ClaimedBy = null;
        message.ClaimedUntil = null;
        PlaybookTelemetry.Delivered(message);
        try
        {
            await context.SaveChangesAsync(CancellationToken.None);
        }
        catch (DbUpdateConcurrencyException)
        {
            // This attempt outlasted its lease and another node took the message over: its record stands (the handler's
            // dedup key makes the two attempts one). Keep Outbox:Lease well above the slowest delivery.
            Log.LogWarning("outbox {Id} ({Kind}): the lease ran out during delivery and another node took the message over", message.Id, message.Kind);
        }
    }

    private static string Describe(TimeSpan span) =>
        span >= TimeSpan.FromHours(1) ? $"{span.TotalHours:0.#} h" : span >= TimeSpan.FromMinutes(1) ? $"{span.TotalMinutes:0.#} min" : $"{span.TotalSeconds:0} s";

    private TimeSpan Backoff(int attempt, Exception e)
    {
        if (e is RetryAfterException { RetryAfter: { } after }) return after;
        var o = options.Value;
        var exponential = o.FirstBackoff * Math.Pow(2, Math.Min(attempt - 1, 30));
        var capped = exponential < o.MaxBackoff ? exponential : o.MaxBackoff;
        return capped * (0.8 + Random.Shared.NextDouble() * 0.4);
    }
}

/// <summary>Thrown by a handler when the remote side said when to come back (HTTP 429/503 Retry-After).</summary>
public sealed class RetryAfterException(string message, TimeSpan? retryAfter) : Exception(message)
{
    public TimeSpan? RetryAfter { get; } = retryAfter;
}
