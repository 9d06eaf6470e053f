using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>Statements on rows given by primary key, <c>… WHERE key IN (…)</c> (<see cref="RemovedRows"/>, <see cref="UpdatedRows"/>).</summary>
internal static class KeyList
{
    /// <summary>
    /// Runs <paramref name="head"/> followed by <c>WHERE key IN (…)</c> over <paramref name="keys"/> of <paramref name="type"/>'s
    /// table, in the caller's transaction. <paramref name="head"/> writes the statement's start and adds any parameters of
    /// its own to the command. Keys per statement stay within every provider's parameter limit, and are few on SQLite,
    /// which binds each parameter by a scan of the statement's (see <see cref="BulkRows"/>).
    /// </summary>
    public static async Task ExecuteAsync(PlaybooksDbContext context, DbTransaction transaction, Type type, IReadOnlyList<object> keys,
        Func<DbCommand, ISqlGenerationHelper, IEntityType, StoreObjectIdentifier, string> head, CancellationToken ct)
    {
        var sql = context.GetService<ISqlGenerationHelper>();
        var entity = context.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var key = entity.FindPrimaryKey()!.Properties.Single();
        var mapping = key.GetRelationalTypeMapping();
        foreach (var chunk in keys.Chunk(context.Provider == DatabaseProvider.Sqlite ? 120 : 1_000))
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head(command, sql, entity, table)).Append($" WHERE {sql.DelimitIdentifier(key.GetColumnName(table)!)} IN (");
            for (var i = 0; i < chunk.Length; i++)
            {
                command.Parameters.Add(mapping.CreateParameter(command, $"@r{i}", chunk[i], nullable: false));
                text.Append(i == 0 ? $"@r{i}" : $", @r{i}");
            }
            command.CommandText = text.Append(')').ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
