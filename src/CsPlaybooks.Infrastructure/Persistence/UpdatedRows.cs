using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// Rows a unit of work updates by primary key without tracking them — the stored events a batch delivers, marked
/// processed — updated by the context's next SaveChangesAsync after EF's own statements, in the same transaction:
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

    public async Task UpdateAsync(PlaybooksDbContext context, DbTransaction transaction, CancellationToken ct)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        foreach (var (type, values, keys) in _groups)
        {
            var entity = context.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
            var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            var key = entity.FindPrimaryKey()!.Properties.Single();
            var columns = values.Select(v => entity.FindProperty(v.Property) ?? throw new InvalidOperationException($"{type.Name} has no property {v.Property}")).ToArray();
            foreach (var chunk in keys.Chunk(KeyList.ChunkSize(context)))
            {
                await using var command = transaction.Connection!.CreateCommand();
                command.Transaction = transaction;
                var text = new StringBuilder($"UPDATE {sql.DelimitIdentifier(table.Name, table.Schema)} SET ");
                for (var c = 0; c < columns.Length; c++)
                {
                    command.Parameters.Add(columns[c].GetRelationalTypeMapping().CreateParameter(command, $"@s{c}", values[c].Value, columns[c].IsNullable));
                    text.Append(c == 0 ? "" : ", ").Append($"{sql.DelimitIdentifier(columns[c].GetColumnName(table)!)} = @s{c}");
                }
                command.CommandText = KeyList.Where(text, command, sql, key, table, chunk).ToString();
                await command.ExecuteNonQueryAsync(ct);
            }
        }
    }

    public void Clear()
    {
        _groups.Clear();
        Count = 0;
    }
}
