using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// Inserts many new rows of one entity in one statement (or a few) instead of EF's statement, value generation and key
/// propagation per row, for the rows a unit of work appends (<see cref="AppendedRows"/>) and for rows that may be
/// stored already (<see cref="InsertNewAsync{T, TKey}"/>). Table, columns and parameter conversions come from the
/// model, so every provider stores the rows as EF would; columns the database generates (an identity id) are left to
/// it. The rows are not tracked.
/// <para>
/// PostgreSQL: <c>INSERT … SELECT * FROM unnest(one array per column)</c>, a statement of as many parameters as the
/// entity has columns whatever the number of rows, so its text is the same every time and prepared once, and neither
/// side parses thousands of placeholders. SQLite and SQL Server: multi-row <c>VALUES</c>, sized to their parameter
/// limits (<see cref="StatementBatch.Limit"/>).
/// </para>
/// </summary>
internal static class BulkRows
{
    /// <summary>Appends INSERT statements for <paramref name="rows"/> to the caller's <see cref="StatementBatch"/>.</summary>
    public static Task InsertAsync<T>(StatementBatch batch, IReadOnlyList<T> rows, CancellationToken ct) where T : class =>
        AppendAsync(batch, rows, newOnly: false, ct);

    /// <summary>
    /// Inserts those of <paramref name="rows"/> (distinct keys) whose primary key is not stored yet, in as few round trips
    /// as the provider allows (one on PostgreSQL), and returns the keys it stored; all or none of them (a transaction is
    /// begun when the rows take more than one command and none is open). The database skips a stored key as it inserts
    /// (PostgreSQL and SQLite: <c>ON CONFLICT … DO NOTHING</c>; SQL Server: <c>NOT EXISTS</c> under a key-range lock),
    /// so a key stored by a concurrent caller is skipped too, without first looking the keys up: a lookup of 1,000 keys
    /// is a sequential scan of the table when the planner prices it so (16 ms a batch at 60,000 events). The rows go in
    /// key order: an insert waits for a concurrent one that holds the same key uncommitted, and in one order those
    /// waits cannot form a cycle (in the order given, two batches with overlapping keys deadlocked).
    /// </summary>
    public static async Task<IReadOnlyList<TKey>> InsertNewAsync<T, TKey>(PlaybooksDbContext context, IReadOnlyList<T> rows, CancellationToken ct) where T : class
    {
        var stored = new List<TKey>();
        if (rows.Count == 0) return stored;
        IDbContextTransaction? own = null;
        await context.Database.OpenConnectionAsync(ct);
        try
        {
            var batch = new StatementBatch(context, context.Database.CurrentTransaction?.GetDbTransaction())
            {
                BeginWhenSplit = async token => (own = await context.Database.BeginTransactionAsync(token)).GetDbTransaction(),
                ReadResults = async reader =>
                {
                    do
                        while (await reader.ReadAsync(ct)) stored.Add(reader.GetFieldValue<TKey>(0));
                    while (await reader.NextResultAsync(ct));
                },
            };
            await AppendAsync(batch, rows, newOnly: true, ct);
            await batch.FlushAsync(ct);
            if (own is not null) await own.CommitAsync(ct);
            return stored;
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
            await context.Database.CloseConnectionAsync();
        }
    }

    private static async Task AppendAsync<T>(StatementBatch batch, IReadOnlyList<T> rows, bool newOnly, CancellationToken ct) where T : class
    {
        if (rows.Count == 0) return;
        var insert = new Insert(batch, typeof(T));
        if (newOnly) rows = insert.InKeyOrder(rows);
        for (var offset = 0; offset < rows.Count; offset += insert.Chunk)
        {
            var end = Math.Min(rows.Count, offset + insert.Chunk);
            await batch.StartAsync(insert.Parameters(end - offset), ct);
            insert.Append(batch, rows, offset, end, newOnly);
        }
    }

    /// <summary>
    /// The text before and after the VALUES rows of an INSERT that skips stored keys and answers with the keys it stored
    /// (SQLite, SQL Server); public so the T-SQL can be checked without a server.
    /// </summary>
    public static (string Before, string After) NewOnlyShape(DatabaseProvider provider, string table, string columns, string key) => provider switch
    {
        DatabaseProvider.SqlServer => ($"INSERT INTO {table} ({columns}) OUTPUT INSERTED.{key} SELECT * FROM (VALUES ",
            $") AS v ({columns}) WHERE NOT EXISTS (SELECT 1 FROM {table} AS t WITH (UPDLOCK, HOLDLOCK) WHERE t.{key} = v.{key})"),
        _ => ($"INSERT INTO {table} ({columns}) VALUES ", $" ON CONFLICT ({key}) DO NOTHING RETURNING {key}"),
    };

    /// <summary>One entity's INSERT: its table, the columns it writes and how each value becomes a parameter.</summary>
    private sealed class Insert
    {
        private readonly IProperty[] _properties;
        private readonly RelationalTypeMapping[] _mappings;
        private readonly IClrPropertyGetter[] _getters;
        private readonly StoreObjectIdentifier _table;
        private readonly string _tableName;
        private readonly string _columns;
        private readonly string _key;
        private readonly IProperty? _keyProperty;
        private readonly bool _arrays;

        public Insert(StatementBatch batch, Type type)
        {
            (var entity, _table) = batch.Table(type);
            _properties = entity.GetProperties().Where(p => p.ValueGenerated == ValueGenerated.Never).ToArray();
            _mappings = _properties.Select(p => p.GetRelationalTypeMapping()).ToArray();
            _getters = _properties.Select(p => p.GetGetter()).ToArray();
            _tableName = batch.Sql.DelimitIdentifier(_table.Name, _table.Schema);
            _columns = string.Join(", ", _properties.Select(p => batch.Sql.DelimitIdentifier(p.GetColumnName(_table)!)));
            _keyProperty = entity.FindPrimaryKey()?.Properties is [var key] && _properties.Contains(key) ? key : null;
            _key = _keyProperty is null ? "" : batch.Sql.DelimitIdentifier(_keyProperty.GetColumnName(_table)!);
            _arrays = batch.Context.Provider == DatabaseProvider.Postgres;
            // VALUES: as many rows as the provider's parameters per command allow, at most 1,000 (SQL Server's limit for one list).
            Chunk = _arrays ? int.MaxValue : Math.Clamp(batch.Limit / _properties.Length, 1, 1_000);
        }

        /// <summary><paramref name="rows"/> ordered by their key (strings ordinally), the same order on every node.</summary>
        public IReadOnlyList<T> InKeyOrder<T>(IReadOnlyList<T> rows) where T : class
        {
            var key = _getters[Array.IndexOf(_properties, _keyProperty ?? throw new InvalidOperationException($"{typeof(T).Name} needs a primary key of one column"))];
            IComparer<object?> order = _keyProperty.ClrType == typeof(string)
                ? Comparer<object?>.Create((a, b) => string.CompareOrdinal((string?)a, (string?)b))
                : Comparer<object?>.Default;
            return rows.OrderBy(r => key.GetClrValueUsingContainingEntity(r), order).ToList();
        }

        /// <summary>Rows per statement.</summary>
        public int Chunk { get; }

        /// <summary>Parameters of a statement of <paramref name="rows"/> rows.</summary>
        public int Parameters(int rows) => _arrays ? _properties.Length : rows * _properties.Length;

        /// <summary>An INSERT of rows [offset, end); with <paramref name="newOnly"/>, of those whose key is not stored, answering with the keys it stored.</summary>
        public void Append<T>(StatementBatch batch, IReadOnlyList<T> rows, int offset, int end, bool newOnly) where T : class
        {
            if (newOnly && _key.Length == 0) throw new InvalidOperationException($"{typeof(T).Name} needs a primary key of one column to skip stored rows");
            if (_arrays)
            {
                batch.Append($"INSERT INTO {_tableName} ({_columns}) SELECT * FROM unnest(");
                for (var c = 0; c < _properties.Length; c++)
                {
                    var getter = _getters[c];
                    batch.Append(c == 0 ? "" : ", ").Array(_properties[c], _table, Enumerable.Range(offset, end - offset).Select(i => getter.GetClrValueUsingContainingEntity(rows[i])));
                }
                batch.Append(newOnly ? $") ON CONFLICT ({_key}) DO NOTHING RETURNING {_key}" : ")");
                return;
            }
            var (before, after) = newOnly ? NewOnlyShape(batch.Context.Provider, _tableName, _columns, _key) : ($"INSERT INTO {_tableName} ({_columns}) VALUES ", "");
            batch.Append(before);
            for (var i = offset; i < end; i++)
            {
                batch.Append(i == offset ? "(" : ", (");
                for (var c = 0; c < _properties.Length; c++)
                    batch.Append(c == 0 ? "" : ", ").Parameter(_mappings[c], _getters[c].GetClrValueUsingContainingEntity(rows[i]), _properties[c].IsNullable);
                batch.Append(")");
            }
            batch.Append(after);
        }
    }
}
