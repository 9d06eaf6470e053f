using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// Inserts many new rows of one entity with multi-row INSERT statements instead of EF's statement, value generation
/// and key propagation per row, for the rows a unit of work appends (<see cref="AppendedRows"/>). Table, columns and parameter conversions come
/// from the model, so every provider stores the rows as EF would; columns the database generates (an identity id) are
/// left to it. The statements join the caller's <see cref="StatementBatch"/>; the rows are not tracked.
/// </summary>
internal static class BulkRows
{
    public static async Task InsertAsync<T>(StatementBatch batch, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var (entity, table) = batch.Table(typeof(T));
        var properties = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToArray();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();
        var head = $"INSERT INTO {batch.Sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => batch.Sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        var chunk = Math.Clamp(batch.Limit / properties.Length, 1, 1_000);
        for (var offset = 0; offset < rows.Count; offset += chunk)
        {
            var end = Math.Min(rows.Count, offset + chunk);
            await batch.StartAsync((end - offset) * properties.Length, ct);
            batch.Append(head);
            for (var i = offset; i < end; i++)
            {
                batch.Append(i == offset ? "(" : ", (");
                for (var c = 0; c < properties.Length; c++)
                    batch.Append(c == 0 ? "" : ", ").Parameter(mappings[c], getters[c].GetClrValueUsingContainingEntity(rows[i]), properties[c].IsNullable);
                batch.Append(")");
            }
        }
    }
}
