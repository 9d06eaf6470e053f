using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Infrastructure.Observability;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Pumps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Timers;

/// <summary>
/// Fires due timers: claims a batch by due time (past-due ones first, so after downtime they fire in order and are
/// journaled as late), no larger than the free chunk slots can start (where claims are cheap), and resumes it in chunks that each commit once
/// (an instance's timers together, in due order).
/// At most <see cref="TimerOptions.Parallelism"/> chunks run at once, across passes: the next claim is made while the
/// last chunks of the previous one still commit, so no core waits for the slowest chunk of a batch. A resumed timer's
/// row is deleted in the burst's own transaction, so it fires exactly once.
/// </summary>
public sealed class TimerPump(RowClaimer claimer, WorkflowRuntime runtime, Wakeups wakeups, NodeIdentity node, IOptions<TimerOptions> options,
    PumpActivity activity, TimeProvider time, ILogger<TimerPump> log) : Pump(activity, time, log)
{
    private readonly RunningChunks _chunks = new(options.Value.Parallelism, log);
    private int _asked = options.Value.BatchSize;

    protected override WakeSignal Wake => wakeups.Timers;
    protected override TimeSpan PollInterval => options.Value.PollInterval;

    /// <summary>A pass that got all the timers it asked for goes again at once.</summary>
    protected override int BatchSize => _asked;
    protected override RunningChunks Chunks => _chunks;

    public override Task<int> RunOnceAsync(CancellationToken ct) => FireDueAsync(ct);

    /// <summary>
    /// Claims one batch of due timers and starts resuming it (<see cref="RunningChunks"/>); returns how many were claimed,
    /// or, finding none due, how many timers the chunks started earlier resumed once they have all ended.
    /// </summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        // No more than the free slots can start now: a claimed timer waiting for a slot is late for nothing.
        _asked = claimer.ClaimsAreCheap ? Math.Min(o.BatchSize, await _chunks.FreeSlotsAsync(ct) * o.CommitBatch) : o.BatchSize;
        var claimed = await claimer.ClaimAsync("bookmarks", "due_at", null, node.Id, Time.GetUtcNow(), o.Lease, _asked, ct);
        if (claimed.Count == 0) return await _chunks.FinishAsync();
        PlaybookTelemetry.TimersClaimed(claimed, Time.GetUtcNow());
        // Chunks of whole instances: an instance's timers stay together, in due order.
        foreach (var timers in RunningChunks.Split(claimed, InstanceOf, o.CommitBatch))
            await _chunks.StartAsync(timers, InstanceOf, "timers", (chunk, token) => runtime.ResumeTimersAsync(chunk, node.Id, token), ct);
        return claimed.Count;
    }

    private static string InstanceOf(ClaimedRow timer) => timer.Id[..32];
}

/// <summary>This process's name in leases and logs.</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
}
