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
        // One aggregate query per table: this runs every sample interval and on every readiness probe.
        var timers = await context.Bookmarks.Where(b => b.DueAt != null && b.DueAt <= now)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Oldest = g.Min(b => b.DueAt) }).FirstOrDefaultAsync(ct);

        var kinds = await context.Outbox.Where(o => o.State == OutboxStates.Pending)
            .GroupBy(o => o.Kind)
            .Select(g => new
            {
                Kind = g.Key,
                Count = g.Count(),
                Oldest = g.Min(o => o.CreatedAt),
                FirstDue = g.Min(o => o.NextAttemptAt <= now ? (DateTimeOffset?)o.NextAttemptAt : null),
                FirstFailing = g.Min(o => o.FailingSince),
            })
            .ToListAsync(ct);
        var outbox = kinds.OrderBy(k => k.Kind, StringComparer.Ordinal).Select(k =>
        {
            var since = new[] { k.FirstDue, k.FirstFailing }.Where(t => t is not null).Min();
            return new OutboxBacklog(k.Kind, k.Count, Age(now, k.Oldest), since is { } s ? Age(now, s) : TimeSpan.Zero);
        }).ToList();

        var events = await context.Events.Where(e => e.DeliverAt != null && e.DeliverAt <= now)
            .GroupBy(_ => 1).Select(g => new { Count = g.Count(), Oldest = g.Min(e => e.DeliverAt) }).FirstOrDefaultAsync(ct);

        var snapshot = new BacklogSnapshot(now, timers?.Count ?? 0, timers?.Oldest is { } t ? Age(now, t) : TimeSpan.Zero, outbox,
            events?.Count ?? 0, events?.Oldest is { } e ? Age(now, e) : TimeSpan.Zero);
        Latest = snapshot;
        return snapshot;
    }

    private static TimeSpan Age(DateTimeOffset now, DateTimeOffset since) => since < now ? now - since : TimeSpan.Zero;

    public void Dispose() => _meter.Dispose();
}
