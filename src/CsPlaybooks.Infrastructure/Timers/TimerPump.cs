using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Infrastructure.Observability;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Pumps;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Timers;

/// <summary>
/// Fires due timers: claims a batch by due time (past-due ones first, so after downtime they fire in order and are
/// journaled as late), resumes them in chunks that each commit once (an instance's timers in due order), chunks in parallel. A resumed timer's row
/// is deleted in the burst's own transaction, so it fires exactly once.
/// </summary>
public sealed class TimerPump(RowClaimer claimer, WorkflowRuntime runtime, Wakeups wakeups, NodeIdentity node, IOptions<TimerOptions> options,
    PumpActivity activity, TimeProvider time, ILogger<TimerPump> log) : Pump(activity, time, log)
{
    protected override WakeSignal Wake => wakeups.Timers;
    protected override TimeSpan PollInterval => options.Value.PollInterval;
    protected override int BatchSize => options.Value.BatchSize;

    public override Task<int> RunOnceAsync(CancellationToken ct) => FireDueAsync(ct);

    /// <summary>Claims and fires one batch of due timers; returns how many were claimed.</summary>
    public async Task<int> FireDueAsync(CancellationToken ct)
    {
        var o = options.Value;
        var claimed = await claimer.ClaimAsync("bookmarks", "due_at", null, node.Id, Time.GetUtcNow(), o.Lease, o.BatchSize, ct);
        if (claimed.Count == 0) return 0;
        PlaybookTelemetry.TimersClaimed(claimed, Time.GetUtcNow());
        // Chunks of whole instances (an instance's timers stay together, in due order), resumed in parallel.
        var chunks = new List<List<ClaimedRow>>();
        foreach (var instance in claimed.GroupBy(c => c.Id[..32]))
        {
            if (chunks.Count == 0 || chunks[^1].Count >= o.CommitBatch) chunks.Add([]);
            chunks[^1].AddRange(instance);
        }
        await Parallel.ForEachAsync(chunks, new ParallelOptions { MaxDegreeOfParallelism = o.Parallelism, CancellationToken = ct }, async (chunk, token) =>
        {
            try
            {
                await runtime.ResumeTimersAsync(chunk, node.Id, token);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Log.LogError(e, "{Count} timers failed; they will be retried when their lease ends", chunk.Count);
            }
        });
        return claimed.Count;
    }
}

/// <summary>This process's name in leases and logs.</summary>
public sealed class NodeIdentity
{
    public string Id { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
}
