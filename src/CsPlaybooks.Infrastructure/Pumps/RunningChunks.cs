using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Pumps;

/// <summary>
/// The chunks a pump has started and not yet reported, at most <c>parallelism</c> at once across its passes: a pass
/// starts its chunks and returns, so the next claim is made while the last chunks of the previous one still commit,
/// and no core waits for the slowest chunk of a batch. Chunks that share a key (an instance, an account) never
/// overlap, so what one key owns is handled in claim order. A pass that claims nothing calls <see cref="FinishAsync"/>:
/// it waits for the running chunks and reports how many items ended since, so a drain of the pumps ends only once
/// every started chunk has committed, and counts their work. A chunk that fails is logged; its claims' leases bring
/// its items back.
/// </summary>
public sealed class RunningChunks(int parallelism, ILogger log)
{
    private readonly Lock _gate = new();
    private readonly List<(Task Run, HashSet<string> Keys)> _running = [];
    private readonly SemaphoreSlim _slots = new(parallelism);
    private long _finishedItems;

    /// <summary>Splits <paramref name="items"/> (in order) into chunks of whole groups by <paramref name="keyOf"/>, about <paramref name="size"/> items each.</summary>
    public static List<List<T>> Split<T>(IEnumerable<T> items, Func<T, string> keyOf, int size)
    {
        var chunks = new List<List<T>>();
        foreach (var group in items.GroupBy(keyOf))
        {
            if (chunks.Count == 0 || chunks[^1].Count >= size) chunks.Add([]);
            chunks[^1].AddRange(group);
        }
        return chunks;
    }

    /// <summary>
    /// Starts <paramref name="work"/> on <paramref name="chunk"/> once no running chunk shares one of its keys and a slot
    /// is free. <paramref name="what"/> names the items in the log should it fail ("timers", "events").
    /// </summary>
    public async Task StartAsync<T>(IReadOnlyList<T> chunk, Func<T, string> keyOf, string what, Func<IReadOnlyList<T>, CancellationToken, Task> work, CancellationToken ct)
    {
        var keys = chunk.Select(keyOf).ToHashSet();
        await Task.WhenAll(Running().Where(r => r.Keys.Overlaps(keys)).Select(r => r.Run));
        await _slots.WaitAsync(ct);
        var run = Task.Run(async () =>
        {
            try
            {
                await work(chunk, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // stopping: the leases end and another pass or node takes the items
            }
            catch (Exception e)
            {
                log.LogError(e, "{Count} {What} failed; they are retried when their lease ends", chunk.Count, what);
            }
            finally
            {
                Interlocked.Add(ref _finishedItems, chunk.Count);
                _slots.Release();
            }
        }, CancellationToken.None);
        lock (_gate) _running.Add((run, keys));
    }

    /// <summary>
    /// Waits until a slot is free and returns how many are: what a pump may claim now without its claimed items
    /// waiting in its hand for a slot (leased, so no other node takes them, and late).
    /// </summary>
    public async Task<int> FreeSlotsAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        var free = _slots.CurrentCount + 1;
        _slots.Release();
        return free;
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
