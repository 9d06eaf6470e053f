using System.Threading.Channels;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>
/// Group commit: units of work that arrive while a commit is in flight are staged on one context and committed
/// together, so N concurrent enrolments cost a few transactions instead of N. Each caller still learns its own
/// outcome: when a batch fails (a unique key, a concurrency token), its units are committed one by one, so only the
/// offending unit fails and the others are unaffected.
/// </summary>
public sealed class CommitBatcher : IAsyncDisposable
{
    public const int MaxBatch = 200;
    private readonly PlaybooksDb _db;
    private readonly ILogger<CommitBatcher> _log;
    private readonly Channel<Unit> _queue = Channel.CreateUnbounded<Unit>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] _writers;

    public CommitBatcher(PlaybooksDb db, ILogger<CommitBatcher> log)
    {
        _db = db;
        _log = log;
        // SQLite has one writer at a time anyway; PostgreSQL and SQL Server overlap two commits.
        var writers = db.Provider == DatabaseProvider.Sqlite ? 1 : 2;
        _writers = Enumerable.Range(0, writers).Select(_ => Task.Run(WriteLoopAsync)).ToArray();
    }

    /// <summary>Stages <paramref name="stage"/> on a shared context and returns once it is committed (or throws its own failure).</summary>
    public Task CommitAsync(Func<PlaybooksDbContext, CancellationToken, Task> stage, CancellationToken ct)
    {
        var unit = new Unit(stage, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), ct);
        if (!_queue.Writer.TryWrite(unit)) throw new ObjectDisposedException(nameof(CommitBatcher));
        return unit.Done.Task;
    }

    private async Task WriteLoopAsync()
    {
        var batch = new List<Unit>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var unit))
                if (!unit.Cancellation.IsCancellationRequested) batch.Add(unit);
                else unit.Done.TrySetCanceled(unit.Cancellation);
            if (batch.Count == 0) continue;
            try
            {
                await CommitAsync(batch);
                batch.ForEach(u => u.Done.TrySetResult());
            }
            catch (Exception e) when (batch.Count > 1)
            {
                _log.LogDebug(e, "a batch of {Count} failed; committing its units one by one", batch.Count);
                foreach (var unit in batch)
                {
                    try
                    {
                        await CommitAsync([unit]);
                        unit.Done.TrySetResult();
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

    private async Task CommitAsync(IReadOnlyList<Unit> units)
    {
        await using var context = _db.Create();
        foreach (var unit in units) await unit.Stage(context, CancellationToken.None);
        await context.SaveChangesAsync(CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await Task.WhenAll(_writers);
    }

    private sealed record Unit(Func<PlaybooksDbContext, CancellationToken, Task> Stage, TaskCompletionSource Done, CancellationToken Cancellation);
}
