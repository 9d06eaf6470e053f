using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>Statements on rows given by primary key, <c>… WHERE key IN (…)</c> (<see cref="RemovedRows"/>, <see cref="UpdatedRows"/>).</summary>
internal static class KeyList
{
    /// <summary>
    /// Appends to <paramref name="batch"/> <paramref name="head"/> followed by <c>WHERE key IN (…)</c> over
    /// <paramref name="keys"/> of <paramref name="type"/>'s table. <paramref name="head"/> writes the statement's start,
    /// with its own <paramref name="headParameters"/> parameters. Keys per statement stay within every provider's
    /// parameter limit (<see cref="StatementBatch.Limit"/>).
    /// </summary>
    public static async Task AppendAsync(StatementBatch batch, Type type, IReadOnlyList<object> keys, int headParameters,
        Action<IEntityType, StoreObjectIdentifier> head, CancellationToken ct)
    {
        var (entity, table) = batch.Table(type);
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var mapping = key.GetRelationalTypeMapping();
        foreach (var chunk in keys.Chunk(Math.Clamp(batch.Limit - headParameters, 1, 1_000)))
        {
            await batch.StartAsync(headParameters + chunk.Length, ct);
            head(entity, table);
            batch.Append($" WHERE {batch.Sql.DelimitIdentifier(key.GetColumnName(table)!)} IN (").Parameters(mapping, chunk).Append(")");
        }
    }
}
