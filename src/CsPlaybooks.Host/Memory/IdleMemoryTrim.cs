using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Memory;

/// <summary>When an idle node gives memory back (<c>Memory</c> section).</summary>
public sealed class IdleMemoryOptions
{
    /// <summary>Give back memory the garbage collector holds beyond the live heap once the node is quiet. Default true.</summary>
    public bool TrimWhenIdle { get; set; } = true;
    /// <summary>How often to look. Default 30 s.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>
/// The garbage collector sizes its heap to the work: a burst of enrolments or a report over 100,000 accounts leaves
/// 100 MB or more committed. It returns that only when it collects, and a quiet node allocates too little to collect,
/// so a host waiting for its next timer would keep the peak of its last burst for hours. Once a check interval passes
/// with (almost) nothing allocated and the GC holds far more than the live heap, one compacting collection gives the
/// surplus back. At most once per quiet spell: the next trim needs work in between.
/// </summary>
public sealed class IdleMemoryTrim(IOptions<IdleMemoryOptions> options, TimeProvider time, ILogger<IdleMemoryTrim> log) : BackgroundService
{
    /// <summary>Allocated in one interval below which a node counts as quiet: its pumps poll every 100 ms, health probes and metrics scrapes arrive; a burst of work allocates gigabytes.</summary>
    public const long QuietAllocation = 64 * 1024 * 1024;
    /// <summary>Committed beyond the live heap before a trim is worth a full collection.</summary>
    public const long WorthTrimming = 64 * 1024 * 1024;

    /// <summary>Whether to trim now: quiet since the last look, busy since the last trim, and enough to give back.</summary>
    public static bool ShouldTrim(long allocatedSinceLastCheck, bool busySinceLastTrim, long committedBytes, long liveHeapBytes) =>
        busySinceLastTrim && allocatedSinceLastCheck < QuietAllocation && committedBytes - liveHeapBytes > WorthTrimming;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.TrimWhenIdle) return;
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        var allocated = GC.GetTotalAllocatedBytes();
        var busy = false;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = GC.GetTotalAllocatedBytes();
                var delta = now - allocated;
                allocated = now;
                if (delta >= QuietAllocation) busy = true;
                var info = GC.GetGCMemoryInfo();
                if (!ShouldTrim(delta, busy, info.TotalCommittedBytes, info.HeapSizeBytes)) continue;
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                busy = false;
                allocated = GC.GetTotalAllocatedBytes();
                var after = GC.GetGCMemoryInfo();
                log.LogDebug("idle: gave back memory; the GC now holds {Committed} MB for a {Heap} MB heap", after.TotalCommittedBytes / 1048576, after.HeapSizeBytes / 1048576);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
