using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// Rows a unit of work deletes by primary key without having read them — the bookmarks its bursts consume — deleted
/// with one statement per entity by the context's next SaveChangesAsync, in the same transaction. A row already gone
/// is no error: what makes a burst exactly-once is the instance's revision token, which commits or fails with these
/// deletes. A row the unit tracks (read with its lease token) is removed through EF instead, so its token is checked.
/// </summary>
internal sealed class RemovedRows
{
    private readonly Dictionary<Type, (List<object> Keys, Func<PlaybooksDbContext, object, bool> IsAdded)> _keys = [];

    public int Count { get; private set; }

    public void Add<T>(object key) where T : class
    {
        if (!_keys.TryGetValue(typeof(T), out var rows))
            _keys[typeof(T)] = rows = ([], static (context, key) => context.Set<T>().Local.FindEntryUntyped([key])?.State == EntityState.Added);
        rows.Keys.Add(key);
        Count++;
    }

    /// <summary>
    /// Whether EF is about to insert a row under a key removed here: the delete must then run before EF's statements.
    /// Otherwise it can run after them, in the round trip of the updated and appended rows. (The save has detected the
    /// changes already: looking rows up does not scan every tracked row again.)
    /// </summary>
    public bool AnyAddedAgain(PlaybooksDbContext context) => _keys.Values.Any(rows => rows.Keys.Any(key => rows.IsAdded(context, key)));

    public async Task AppendToAsync(StatementBatch batch, CancellationToken ct)
    {
        foreach (var (type, (keys, _)) in _keys)
            await KeyList.AppendAsync(batch, type, keys, 0, (_, table) => batch.Append($"DELETE FROM {batch.Sql.DelimitIdentifier(table.Name, table.Schema)}"), ct);
    }

    public void Clear()
    {
        _keys.Clear();
        Count = 0;
    }
}
