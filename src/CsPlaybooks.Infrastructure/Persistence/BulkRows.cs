using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// Inserts many new rows of one entity with multi-row INSERT statements instead of EF's statement, value generation
/// and key propagation per row, for the rows a unit of work appends (<see cref="AppendedRows"/>). Table, columns and parameter conversions come
/// from the model, so every provider stores the rows as EF would; columns the database generates (an identity id) are
/// left to it. Runs in the caller's transaction; the rows are not tracked.
/// </summary>
internal static class BulkRows
{
    public static async Task InsertAsync<T>(PlaybooksDbContext context, IReadOnlyList<T> rows, DbTransaction transaction, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var entity = context.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model");
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var properties = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToArray();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var getters = properties.Select(p => p.GetGetter()).ToArray();
        var sql = context.GetService<ISqlGenerationHelper>();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        // Parameters per statement. SQL Server takes at most 2,100 and PostgreSQL 65,535. SQLite takes 32,766, but
        // Microsoft.Data.Sqlite binds each parameter by name with a scan of the statement's parameter list, so a
        // statement's cost grows with the square of its parameters: at 6,000–10,000 a statement, enrolments and the
        // batch endpoint ran slower than EF's row-by-row statements (bench, docs/benchmarks.md); at 120 they run faster.
        var limit = context.Provider switch { DatabaseProvider.SqlServer => 2_000, DatabaseProvider.Sqlite => 120, _ => 30_000 };
        var chunk = Math.Clamp(limit / properties.Length, 1, 1_000);
        for (var offset = 0; offset < rows.Count; offset += chunk)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            for (var i = offset; i < Math.Min(rows.Count, offset + chunk); i++)
            {
                text.Append(i == offset ? "(" : ", (");
                for (var c = 0; c < properties.Length; c++)
                {
                    var name = $"@b{(i - offset) * properties.Length + c}";
                    command.Parameters.Add(mappings[c].CreateParameter(command, name, getters[c].GetClrValueUsingContainingEntity(rows[i]), properties[c].IsNullable));
                    text.Append(c == 0 ? name : $", {name}");
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
