using System.Data.Common;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// Rows a unit of work deletes by primary key without having read them — the bookmarks its bursts consume — deleted
/// with one statement per entity by the context's next SaveChangesAsync, before EF's own statements, in the same
/// transaction. A row already gone is no error: what makes a burst exactly-once is the instance's revision token,
/// which commits or fails with these deletes. A row the unit tracks (read with its lease token) is removed through
/// EF instead, so its token is checked.
/// </summary>
internal sealed class RemovedRows
{
    private readonly Dictionary<Type, List<object>> _keys = [];

    public int Count { get; private set; }

    public void Add<T>(object key) where T : class
    {
        if (!_keys.TryGetValue(typeof(T), out var keys)) _keys[typeof(T)] = keys = [];
        keys.Add(key);
        Count++;
    }

    public async Task DeleteAsync(PlaybooksDbContext context, DbTransaction transaction, CancellationToken ct)
    {
        foreach (var (type, keys) in _keys)
            await KeyList.ExecuteAsync(context, transaction, type, keys, (_, sql, _, table) => $"DELETE FROM {sql.DelimitIdentifier(table.Name, table.Schema)}", ct);
    }

    public void Clear()
    {
        _keys.Clear();
        Count = 0;
    }
}
