using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>The <c>WHERE key IN (…)</c> of statements on rows given by primary key (<see cref="RemovedRows"/>, <see cref="UpdatedRows"/>).</summary>
internal static class KeyList
{
    /// <summary>Keys per statement: within every provider's parameter limit, and few on SQLite, which binds each parameter by a scan of the statement's (see <see cref="BulkRows"/>).</summary>
    public static int ChunkSize(PlaybooksDbContext context) => context.Provider == DatabaseProvider.Sqlite ? 120 : 1_000;

    public static StringBuilder Where(StringBuilder text, DbCommand command, ISqlGenerationHelper sql, IProperty key, StoreObjectIdentifier table, object[] keys)
    {
        var mapping = key.GetRelationalTypeMapping();
        text.Append($" WHERE {sql.DelimitIdentifier(key.GetColumnName(table)!)} IN (");
        for (var i = 0; i < keys.Length; i++)
        {
            command.Parameters.Add(mapping.CreateParameter(command, $"@r{i}", keys[i], nullable: false));
            text.Append(i == 0 ? $"@r{i}" : $", @r{i}");
        }
        return text.Append(')');
    }
}
