namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// New rows a unit of work only ever appends in numbers — a burst's journal entries (three for each timer or event
/// resumption), the deliveries of events, posted events, new days of usage — kept out of EF's change tracker and inserted in bulk (<see cref="BulkRows"/>) by the
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
