using System.Diagnostics.Metrics;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Observability;

/// <summary>What is waiting in one outbox kind.</summary>
/// <param name="Pending">Messages not delivered yet (due, waiting for a retry, or deferred).</param>
/// <param name="OldestAge">Age of the oldest of them.</param>
/// <param name="Lag">How long the oldest message has been due, or failing, without being delivered (zero when none).</param>
public sealed record OutboxBacklog(string Kind, int Pending, TimeSpan OldestAge, TimeSpan Lag);

/// <summary>The work waiting at <see cref="At"/>: due timers, undelivered outbox messages per kind, due events.</summary>
public sealed record BacklogSnapshot(DateTimeOffset At, int DueTimers, TimeSpan TimerLag, IReadOnlyList<OutboxBacklog> Outbox, int DueEvents, TimeSpan EventLag)
{
    /// <summary>The largest lag of timers and outbox kinds, with what it is (for readiness).</summary>
    public (string What, TimeSpan Lag) Worst() =>
        Outbox.Select(o => ($"outbox '{o.Kind}'", o.Lag)).Prepend(("timers", TimerLag)).MaxBy(w => w.Item2);
}

/// <summary>
/// Reads the backlog from the database (shared by all nodes, so every node reports the cluster's backlog) for the
/// metrics gauges and the readiness check. A message deferred by governance (quiet hours, cap) is pending but not lag:
/// it is not due. A message failing and backing off is lag from its first failure.
/// </summary>
public sealed class BacklogMonitor : IDisposable
{
    private readonly PlaybooksDb _db;
    private readonly TimeProvider _time;
    private readonly Meter _meter;

    public BacklogMonitor(PlaybooksDb db, TimeProvider time, IMeterFactory meters)
    {
        _db = db;
        _time = time;
        _meter = meters.Create(PlaybookTelemetry.Name);
        PlaybookTelemetry.CreateBacklogGauges(_meter, () => Latest);
    }

    /// <summary>The last snapshot read (by the sampler or the readiness check); null before the first.</summary>
    public BacklogSnapshot? Latest { get; private set; }

    public async Task<BacklogSnapshot> ReadAsync(CancellationToken ct)
    {
        var now = _time.GetUtcNow();
        await using var context = _db.Create();
        var dueTimers = context.Bookmarks.Where(b => b.DueAt != null && b.DueAt <= now);
        var timerCount = await dueTimers.CountAsync(ct);
        var oldestTimer = timerCount == 0 ? null : await dueTimers.OrderBy(b => b.DueAt).Select(b => b.DueAt).FirstOrDefaultAsync(ct);

        var pending = context.Outbox.Where(o => o.State == OutboxStates.Pending);
        var kinds = await pending.GroupBy(o => o.Kind).Select(g => new { Kind = g.Key, Count = g.Count() }).ToListAsync(ct);
        var outbox = new List<OutboxBacklog>(kinds.Count);
        foreach (var kind in kinds.OrderBy(k => k.Kind, StringComparer.Ordinal))
        {
            var ofKind = pending.Where(o => o.Kind == kind.Kind);
            var oldest = await ofKind.OrderBy(o => o.CreatedAt).Select(o => o.CreatedAt).FirstAsync(ct);
            var firstDue = await ofKind.Where(o => o.NextAttemptAt <= now).OrderBy(o => o.NextAttemptAt).Select(o => (DateTimeOffset?)o.NextAttemptAt).FirstOrDefaultAsync(ct);
            var firstFailing = await ofKind.Where(o => o.FailingSince != null).OrderBy(o => o.FailingSince).Select(o => o.FailingSince).FirstOrDefaultAsync(ct);
            var since = new[] { firstDue, firstFailing }.Where(t => t is not null).Min();
            outbox.Add(new OutboxBacklog(kind.Kind, kind.Count, Age(now, oldest), since is { } s ? Age(now, s) : TimeSpan.Zero));
        }

        var dueEvents = context.Events.Where(e => e.DeliverAt != null && e.DeliverAt <= now);
        var eventCount = await dueEvents.CountAsync(ct);
        var oldestEvent = eventCount == 0 ? null : await dueEvents.OrderBy(e => e.DeliverAt).Select(e => e.DeliverAt).FirstOrDefaultAsync(ct);

        var snapshot = new BacklogSnapshot(now, timerCount, oldestTimer is { } t ? Age(now, t) : TimeSpan.Zero, outbox,
            eventCount, oldestEvent is { } e ? Age(now, e) : TimeSpan.Zero);
        Latest = snapshot;
        return snapshot;
    }

    private static TimeSpan Age(DateTimeOffset now, DateTimeOffset since) => since < now ? now - since : TimeSpan.Zero;

    public void Dispose() => _meter.Dispose();
}
