using System.Data.Common;
using System.Text;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// Journal rows are the most numerous rows a burst writes (three for a timer's or an event's resumption) and are only
/// ever appended, so they are not tracked entities: <see cref="PlaybooksDbContext.SaveChangesAsync(bool, CancellationToken)"/>
/// inserts them with one multi-row INSERT per 1,000 rows (300 on SQL Server) in its transaction, in the order they were
/// staged, instead of EF's statement, value generation and key propagation per row.
/// Table, columns and parameter conversions come from the model, so every provider stores them as EF would.
/// </summary>
internal static class JournalRows
{
    private static readonly (string Property, Func<JournalRecord, object?> Value)[] Columns =
    [
        (nameof(JournalRecord.InstanceId), r => r.InstanceId),
        (nameof(JournalRecord.At), r => r.At),
        (nameof(JournalRecord.StepId), r => r.StepId),
        (nameof(JournalRecord.Kind), r => r.Kind),
        (nameof(JournalRecord.Summary), r => r.Summary),
        (nameof(JournalRecord.DetailJson), r => r.DetailJson),
    ];

    public static async Task InsertAsync(PlaybooksDbContext context, IReadOnlyList<JournalRecord> rows, DbTransaction transaction, CancellationToken ct)
    {
        var entity = context.Model.FindEntityType(typeof(JournalRecord))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        var sql = context.GetService<ISqlGenerationHelper>();
        var properties = Columns.Select(c => entity.FindProperty(c.Property)!).ToArray();
        var mappings = properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
        var head = $"INSERT INTO {sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", properties.Select(p => sql.DelimitIdentifier(p.GetColumnName(table)!)))}) VALUES ";
        var chunk = context.Provider == DatabaseProvider.SqlServer ? 300 : 1000; // SQL Server takes at most 2,100 parameters
        for (var offset = 0; offset < rows.Count; offset += chunk)
        {
            await using var command = transaction.Connection!.CreateCommand();
            command.Transaction = transaction;
            var text = new StringBuilder(head);
            for (var i = offset; i < Math.Min(rows.Count, offset + chunk); i++)
            {
                text.Append(i == offset ? "(" : ", (");
                for (var c = 0; c < Columns.Length; c++)
                {
                    var name = $"@j{(i - offset) * Columns.Length + c}";
                    command.Parameters.Add(mappings[c].CreateParameter(command, name, Columns[c].Value(rows[i]), properties[c].IsNullable));
                    text.Append(c == 0 ? name : $", {name}");
                }
                text.Append(')');
            }
            command.CommandText = text.ToString();
            await command.ExecuteNonQueryAsync(ct);
        }
    }
}
