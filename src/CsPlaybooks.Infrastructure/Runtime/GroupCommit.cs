using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>
/// Group commit: items submitted while a batch is in flight are handled together by the next batch, so N concurrent
/// callers cost a few transactions instead of N. Each caller still learns its own outcome: when a batch fails, its items
/// run one by one (<c>runOne</c>), so only the offending item fails and the others are unaffected.
/// </summary>
public sealed class GroupCommit<TItem, TResult> : IAsyncDisposable
{
    private readonly Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> _runBatch;
    private readonly Func<TItem, Task<TResult>>? _fallback;
    private readonly int _maxBatch;
    private readonly bool _evenBatches;
    private readonly ILogger _log;
    private readonly Channel<Unit> _queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions { SingleReader = false });
    private readonly SemaphoreSlim _freeWriters;
    private readonly SemaphoreSlim _changed = new(0);
    private readonly Task _dispatcher;
    private readonly List<int> _inFlight = [];

    /// <param name="writers">batches in flight at once (1 for SQLite, which has one writer anyway)</param>
    /// <param name="runBatch">handles a batch in one transaction; returns one result per item, in order, or throws (nothing of it kept)</param>
    /// <param name="fallback">handles one item on its own after its batch failed (also a batch of one); null: a batch of one item</param>
    /// <param name="evenBatches">
    /// a batch starts beside one in flight only once as many items wait as that one holds (fewer wait for more to arrive
    /// or for it to end), so concurrent callers settle into cohorts of even size, one per writer. Otherwise a free writer
    /// takes whatever waits the moment it is free and runs many small batches, when each costs round trips and a commit
    /// whatever its size.
    /// </param>
    public GroupCommit(int writers, int maxBatch, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> runBatch, Func<TItem, Task<TResult>>? fallback, ILogger log,
        bool evenBatches = false)
    {
        _runBatch = runBatch;
        _fallback = fallback;
        _maxBatch = maxBatch;
        _evenBatches = evenBatches;
        _log = log;
        _freeWriters = new SemaphoreSlim(writers);
        _dispatcher = Task.Run(DispatchAsync);
    }

    /// <summary>Queues <paramref name="item"/> for the next batch and returns its result once that batch has committed.</summary>
    public Task<TResult> SubmitAsync(TItem item, CancellationToken ct)
    {
        var unit = new Unit(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), ct);
        if (!_queue.Writer.TryWrite(unit)) throw new ObjectDisposedException(GetType().Name);
        Signal();
        return unit.Done.Task;
    }

    private async Task DispatchAsync()
    {
        var running = new List<Task>();
        while (await _queue.Reader.WaitToReadAsync())
        {
            await _freeWriters.WaitAsync();
            while (_queue.Reader.Count < FewestToStart() && !_queue.Reader.Completion.IsCompleted) await _changed.WaitAsync();
            var batch = new List<Unit>(_maxBatch);
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var unit))
                if (!unit.Cancellation.IsCancellationRequested) batch.Add(unit);
                else unit.Done.TrySetCanceled(unit.Cancellation);
            if (batch.Count == 0)
            {
                _freeWriters.Release();
                continue;
            }
            lock (_inFlight) _inFlight.Add(batch.Count);
            running.RemoveAll(t => t.IsCompleted);
            running.Add(Task.Run(async () =>
            {
                try
                {
                    await RunAsync(batch);
                }
                finally
                {
                    lock (_inFlight) _inFlight.Remove(batch.Count);
                    _freeWriters.Release();
                    Signal();
                }
            }));
        }
        await Task.WhenAll(running);
    }

    private int FewestToStart()
    {
        lock (_inFlight) return _evenBatches && _inFlight.Count > 0 ? Math.Min(_inFlight.Min(), _maxBatch) : 1;
    }

    /// <summary>Wakes the dispatcher if it waits for more items or for a batch to end (at most one wake-up pending).</summary>
    private void Signal()
    {
        if (_changed.CurrentCount == 0) _changed.Release();
    }

    private async Task RunAsync(List<Unit> batch)
    {
        try
        {
            var results = await _runBatch(batch.Select(u => u.Item).ToList());
            for (var i = 0; i < batch.Count; i++) batch[i].Done.TrySetResult(results[i]);
        }
        catch (Exception e) when (batch.Count > 1 || _fallback is not null)
        {
            _log.LogDebug(e, "a batch of {Count} failed; running its items one by one", batch.Count);
            foreach (var unit in batch)
            {
                try
                {
                    unit.Done.TrySetResult(_fallback is not null ? await _fallback(unit.Item) : (await _runBatch([unit.Item]))[0]);
                }
                catch (Exception single)
                {
                    unit.Done.TrySetException(single);
                }
            }
        }
        catch (Exception e)
        {
            batch[0].Done.TrySetException(e);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        Signal();
        await _dispatcher;
    }

    private sealed record Unit(TItem Item, TaskCompletionSource<TResult> Done, CancellationToken Cancellation);
}
