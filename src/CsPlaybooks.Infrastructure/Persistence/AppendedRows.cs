namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// New rows a unit of work appends in numbers — a burst's journal entries (three for each timer or event resumption)
/// and new bookmarks, the deliveries of events, posted events, new days of usage — kept out of EF's change tracker and inserted in bulk (<see cref="BulkRows"/>) by the
/// context's next SaveChangesAsync, after EF's own statements, in the same transaction, one entity after another in
/// the order they were first appended, all in one round trip where they fit (<see cref="StatementBatch"/>).
/// </summary>
internal sealed class AppendedRows
{
    private readonly List<IRows> _entities = [];

    public int Count { get; private set; }

    public void Add<T>(T row) where T : class
    {
        var rows = _entities.OfType<Rows<T>>().FirstOrDefault();
        if (rows is null) _entities.Add(rows = new Rows<T>());
        rows.Items.Add(row);
        Count++;
    }

    /// <summary>The rows of <typeparamref name="T"/> appended so far in this unit.</summary>
    public IReadOnlyList<T> Of<T>() where T : class => _entities.OfType<Rows<T>>().FirstOrDefault()?.Items ?? [];

    /// <summary>Takes back a row appended earlier in this unit (a bookmark one burst adds and the next consumes); false when there is none.</summary>
    public bool Remove<T>(Predicate<T> match) where T : class
    {
        var rows = _entities.OfType<Rows<T>>().FirstOrDefault();
        var i = rows?.Items.FindIndex(match) ?? -1;
        if (i < 0) return false;
        rows!.Items.RemoveAt(i);
        Count--;
        return true;
    }

    public async Task AppendToAsync(StatementBatch batch, CancellationToken ct)
    {
        foreach (var rows in _entities) await rows.AppendToAsync(batch, ct);
    }

    public void Clear()
    {
        _entities.Clear();
        Count = 0;
    }

    private interface IRows
    {
        Task AppendToAsync(StatementBatch batch, CancellationToken ct);
    }

    private sealed class Rows<T> : IRows where T : class
    {
        public List<T> Items { get; } = [];

        public Task AppendToAsync(StatementBatch batch, CancellationToken ct) => BulkRows.InsertAsync(batch, Items, ct);
    }
}
