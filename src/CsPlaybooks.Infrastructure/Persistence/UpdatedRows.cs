using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// Rows a unit of work updates by primary key without tracking them — the stored events a batch delivers, marked
/// processed — updated by the context's next SaveChangesAsync after EF's own statements, in the same transaction and round trip as the
/// appended rows (<see cref="StatementBatch"/>):
/// one <c>UPDATE … WHERE key IN (…)</c> for all rows given the same values, instead of EF's statement per row.
/// </summary>
internal sealed class UpdatedRows
{
    private readonly List<(Type Entity, (string Property, object? Value)[] Values, List<object> Keys)> _groups = [];

    public int Count { get; private set; }

    public void Add<T>(object key, params (string Property, object? Value)[] values) where T : class
    {
        var group = _groups.FirstOrDefault(g => g.Entity == typeof(T) && g.Values.SequenceEqual(values));
        if (group.Keys is null) _groups.Add(group = (typeof(T), values, []));
        group.Keys.Add(key);
        Count++;
    }

    public async Task AppendToAsync(StatementBatch batch, CancellationToken ct)
    {
        foreach (var (type, values, keys) in _groups)
            await KeyList.AppendAsync(batch, type, keys, values.Length, (entity, table) =>
            {
                batch.Append($"UPDATE {batch.Sql.DelimitIdentifier(table.Name, table.Schema)} SET ");
                for (var c = 0; c < values.Length; c++)
                {
                    var column = StatementBatch.Property(entity, values[c].Property);
                    batch.Append($"{(c == 0 ? "" : ", ")}{batch.Sql.DelimitIdentifier(column.GetColumnName(table)!)} = ")
                        .Parameter(column.GetRelationalTypeMapping(), values[c].Value, column.IsNullable);
                }
            }, ct);
    }

    public void Clear()
    {
        _groups.Clear();
        Count = 0;
    }
}
