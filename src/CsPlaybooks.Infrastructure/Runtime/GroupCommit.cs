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
    private readonly ILogger _log;
    private readonly Channel<Unit> _queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _writers;

    /// <param name="writers">batches in flight at once (1 for SQLite, which has one writer anyway)</param>
    /// <param name="runBatch">handles a batch in one transaction; returns one result per item, in order, or throws (nothing of it kept)</param>
    /// <param name="fallback">handles one item on its own after its batch failed (also a batch of one); null: a batch of one item</param>
    public GroupCommit(int writers, int maxBatch, Func<IReadOnlyList<TItem>, Task<IReadOnlyList<TResult>>> runBatch, Func<TItem, Task<TResult>>? fallback, ILogger log)
    {
        _runBatch = runBatch;
        _fallback = fallback;
        _maxBatch = maxBatch;
        _log = log;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>Queues <paramref name="item"/> for the next batch and returns its result once that batch has committed.</summary>
    public Task<TResult> SubmitAsync(TItem item, CancellationToken ct)
    {
        var unit = new Unit(item, new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously), ct);
        if (!_queue.Writer.TryWrite(unit)) throw new ObjectDisposedException(GetType().Name);
        return unit.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Unit>(_maxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatch && _queue.Reader.TryRead(out var unit))
                if (!unit.Cancellation.IsCancellationRequested) batch.Add(unit);
                else unit.Done.TrySetCanceled(unit.Cancellation);
            if (batch.Count == 0) continue;
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
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record Unit(TItem Item, TaskCompletionSource<TResult> Done, CancellationToken Cancellation);
}
