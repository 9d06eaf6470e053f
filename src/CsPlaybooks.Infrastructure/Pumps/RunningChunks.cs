namespace CsPlaybooks.Infrastructure.Pumps;

/// <summary>
/// The chunks a pump has started and not yet reported, at most <c>parallelism</c> at once across its passes: a pass
/// starts its chunks and returns, so the next claim is made while the last chunks of the previous one still commit,
/// and no core waits for the slowest chunk of a batch. Chunks that share a key (an instance, an account) never
/// overlap, so what one key owns is handled in claim order. A pass that claims nothing calls <see cref="FinishAsync"/>:
/// it waits for the running chunks and reports how many items ended since, so a drain of the pumps ends only once
/// every started chunk has committed, and counts their work.
/// </summary>
public sealed class RunningChunks(int parallelism)
{
    private readonly Lock _gate = new();
    private readonly List<(Task Run, HashSet<string> Keys)> _running = [];
    private readonly SemaphoreSlim _slots = new(parallelism);
    private long _finishedItems;

    /// <summary>Starts <paramref name="work"/> once no running chunk shares a key with it and a slot is free.</summary>
    public async Task StartAsync(HashSet<string> keys, int items, Func<Task> work, CancellationToken ct)
    {
        await Task.WhenAll(Running().Where(r => r.Keys.Overlaps(keys)).Select(r => r.Run));
        await _slots.WaitAsync(ct);
        var run = Task.Run(async () =>
        {
            try
            {
                await work();
            }
            finally
            {
                Interlocked.Add(ref _finishedItems, items);
                _slots.Release();
            }
        }, CancellationToken.None);
        lock (_gate) _running.Add((run, keys));
    }

    /// <summary>Waits for the running chunks; returns how many items ended since the last call.</summary>
    public async Task<int> FinishAsync()
    {
        await Task.WhenAll(Running().Select(r => r.Run));
        return (int)Interlocked.Exchange(ref _finishedItems, 0);
    }

    private List<(Task Run, HashSet<string> Keys)> Running()
    {
        lock (_gate)
        {
            _running.RemoveAll(r => r.Run.IsCompleted);
            return [.. _running];
        }
    }
}
