using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>
/// Group commit of staged changes (<see cref="GroupCommit{TItem,TResult}"/>): units of work that arrive while a commit is
/// in flight are staged on one context and committed together; a failing batch is committed unit by unit.
/// </summary>
public sealed class CommitBatcher : IAsyncDisposable
{
    public const int MaxBatch = 200;
    private readonly GroupCommit<Func<PlaybooksDbContext, CancellationToken, Task>, bool> _group;

    public CommitBatcher(PlaybooksDb db, ILogger<CommitBatcher> log)
    {
        // SQLite has one writer at a time anyway; PostgreSQL and SQL Server overlap two commits.
        _group = new(db.Provider == DatabaseProvider.Sqlite ? 1 : 2, MaxBatch, async units =>
        {
            await using var context = db.Create();
            foreach (var stage in units) await stage(context, CancellationToken.None);
            await context.SaveChangesAsync(CancellationToken.None);
            return units.Select(_ => true).ToList();
        }, null, log);
    }

    /// <summary>Stages <paramref name="stage"/> on a shared context and returns once it is committed (or throws its own failure).</summary>
    public Task CommitAsync(Func<PlaybooksDbContext, CancellationToken, Task> stage, CancellationToken ct) => _group.SubmitAsync(stage, ct);

    public ValueTask DisposeAsync() => _group.DisposeAsync();
}
