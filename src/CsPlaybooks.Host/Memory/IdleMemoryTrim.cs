using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Memory;

/// <summary>When an idle node gives memory back (<c>Memory</c> section).</summary>
public sealed class IdleMemoryOptions
{
    /// <summary>Give back memory the garbage collector holds beyond the live heap once the node is quiet. Default true.</summary>
    public bool TrimWhenIdle { get; set; } = true;
    /// <summary>How often to look. Default 15 s.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(15);
}

/// <summary>
/// The garbage collector sizes its heap to the work: a burst of enrolments or a report over 100,000 accounts leaves
/// 100 MB or more committed. It returns that only when it collects, and a quiet node allocates too little to collect,
/// so a host waiting for its next timer would keep the peak of its last burst for hours; and its polling, probes and
/// scrapes fill the young generation again without a collection (251 → 330 MB in two minutes with 100,000 waiting
/// instances). So once a check interval passes with little allocated, and 32 MB or more were allocated since the last
/// trim, one compacting collection gives the memory back; a node allocating nothing is left alone.
/// </summary>
public sealed class IdleMemoryTrim(IOptions<IdleMemoryOptions> options, TimeProvider time, ILogger<IdleMemoryTrim> log) : BackgroundService
{
    /// <summary>Allocated in one interval below which a node counts as quiet: its pumps poll every 100 ms, health probes and metrics scrapes arrive; a burst of work allocates gigabytes.</summary>
    public const long QuietAllocation = 64 * 1024 * 1024;
    /// <summary>
    /// Allocated since the last trim before the next. Memory allocated since the last collection is memory the GC has
    /// committed for it, and the GC's own figures (<see cref="GC.GetGCMemoryInfo()"/>) describe the last collection, which
    /// a quiet node may not run for minutes; so what was allocated is the measure of what a trim gives back.
    /// </summary>
    public const long WorthTrimming = 32 * 1024 * 1024;

    /// <summary>Whether to trim now: quiet since the last look, and enough allocated since the last trim to give back.</summary>
    public static bool ShouldTrim(long allocatedSinceLastCheck, long allocatedSinceLastTrim) =>
        allocatedSinceLastCheck < QuietAllocation && allocatedSinceLastTrim >= WorthTrimming;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.TrimWhenIdle) return;
        using var timer = new PeriodicTimer(options.Value.CheckInterval, time);
        var allocated = GC.GetTotalAllocatedBytes();
        var atLastTrim = 0L;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var now = GC.GetTotalAllocatedBytes();
                var delta = now - allocated;
                allocated = now;
                if (!ShouldTrim(delta, now - atLastTrim)) continue;
                GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                allocated = atLastTrim = GC.GetTotalAllocatedBytes();
                var after = GC.GetGCMemoryInfo();
                log.LogDebug("idle: gave back memory; the GC now holds {Committed} MB for a {Heap} MB heap", after.TotalCommittedBytes / 1048576, after.HeapSizeBytes / 1048576);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }
}
