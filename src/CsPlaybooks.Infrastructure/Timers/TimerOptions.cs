namespace CsPlaybooks.Infrastructure.Timers;

/// <summary>How this node claims and fires due timers (bookmarks with a due time).</summary>
public sealed class TimerOptions
{
    /// <summary>How often to look for due timers when not woken earlier. Default 100 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(100);
    /// <summary>Timers claimed per query. Default 500.</summary>
    public int BatchSize { get; set; } = 500;
    /// <summary>How long a claim is held; a node that crashes loses its claims after this. Default 60 s.</summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(60);
    /// <summary>Timers resumed and committed together in one transaction. Default 50.</summary>
    public int CommitBatch { get; set; } = 50;
    /// <summary>Chunks resumed at once, across claims (the next claim is made while the last chunks commit). Default 8.</summary>
    public int Parallelism { get; set; } = 8;
}
