using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// Statements sent in one round trip: each is appended, with its parameters, to one command, which runs when the next
/// statement's parameters would not fit or on <see cref="FlushAsync"/>, in the caller's transaction. A unit of work
/// that appends journal entries, event deliveries and events and marks events processed (<see cref="AppendedRows"/>,
/// <see cref="UpdatedRows"/>) then waits for the database once, not once per statement: on a loaded server each
/// round trip costs both processes CPU (a wake-up on either side), whatever the statement. Queries go together the
/// same way (<see cref="ReadAsync"/>), each answering with its own result set.
/// </summary>
internal sealed class StatementBatch(PlaybooksDbContext context, DbTransaction? transaction)
{
    private readonly StringBuilder _text = new();
    private DbCommand? _command;
    private DbTransaction? _transaction = transaction;

    /// <summary>
    /// Begins a transaction for statements that run in one command without one (each command is its own transaction
    /// then): called before the first of several commands runs, so that all of them commit together.
    /// </summary>
    public Func<CancellationToken, Task<DbTransaction>>? BeginWhenSplit { get; init; }

    /// <summary>
    /// For statements that answer with rows (<c>RETURNING</c>): reads each command's result sets as the command runs, in
    /// order, whether it runs because the next statement would not fit or on <see cref="FlushAsync"/>. Null: the
    /// statements answer with none.
    /// </summary>
    public Func<DbDataReader, Task>? ReadResults { get; init; }

    /// <summary>
    /// Parameters per command. SQL Server takes at most 2,100, PostgreSQL 65,535 per statement. SQLite takes 32,766,
    /// but Microsoft.Data.Sqlite binds every parameter of the command to each statement by a scan of the statement's
    /// parameters, so a command's cost grows with the square of its parameters: at 6,000–10,000 a statement,
    /// enrolments and the batch endpoint ran slower than EF's row-by-row statements (bench, docs/benchmarks.md); at
    /// 120 they run faster.
    /// </summary>
    public int Limit { get; init; } = context.Provider switch { DatabaseProvider.SqlServer => 2_000, DatabaseProvider.Sqlite => 120, _ => 30_000 };

    public ISqlGenerationHelper Sql { get; } = context.GetService<ISqlGenerationHelper>();

    public PlaybooksDbContext Context => context;

    /// <summary>The delimited name of <typeparamref name="T"/>'s table, or of the column of its <paramref name="property"/>.</summary>
    public string Name<T>(string? property = null) where T : class
    {
        var (entity, table) = Table(typeof(T));
        return property is null ? Sql.DelimitIdentifier(table.Name, table.Schema) : Sql.DelimitIdentifier(Property(entity, property).GetColumnName(table)!);
    }

    /// <summary>How the model converts <typeparamref name="T"/>'s <paramref name="property"/> to a parameter.</summary>
    public RelationalTypeMapping Mapping<T>(string property) where T : class => Property(Table(typeof(T)).Entity, property).GetRelationalTypeMapping();

    /// <summary>
    /// Writes <c>IN (…)</c> over <paramref name="values"/>, each a parameter converted as <typeparamref name="T"/>'s
    /// <paramref name="property"/>; on PostgreSQL <c>= ANY (…)</c> with one array parameter, so the statement's text is
    /// the same whatever the number of values and is prepared once, not once per count (pushing the hot statements out
    /// of the connection's prepared ones).
    /// </summary>
    public StatementBatch In<T>(string property, IReadOnlyCollection<string> values) where T : class
    {
        if (context.Provider == DatabaseProvider.Postgres) return Append("= ANY (").Value(values.ToArray()).Append(")");
        return Append("IN (").Parameters(Mapping<T>(property), values).Append(")");
    }

    /// <summary>
    /// PostgreSQL: writes <paramref name="values"/> as one array parameter of <paramref name="property"/>'s column type
    /// (each value converted as the model converts it), for <c>unnest</c>.
    /// </summary>
    public StatementBatch Array(IProperty property, StoreObjectIdentifier table, IEnumerable<object?> values)
    {
        var mapping = property.GetRelationalTypeMapping();
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        if (type.IsValueType && property.IsNullable && Nullable.GetUnderlyingType(type) is null) type = typeof(Nullable<>).MakeGenericType(type);
        var given = values.ToList();
        var array = System.Array.CreateInstance(type, given.Count);
        for (var i = 0; i < given.Count; i++)
            array.SetValue(given[i] is null || mapping.Converter is null ? given[i] : mapping.Converter.ConvertToProvider(given[i]), i);
        return Append("CAST(").Value(array).Append($" AS {property.GetColumnType(table)}[])");
    }

    /// <summary>Adds a parameter of <paramref name="value"/> as the provider maps its CLR type, and writes its name into the statement.</summary>
    public StatementBatch Value(object value)
    {
        var command = _command ?? throw new InvalidOperationException("StartAsync comes before a statement's parameters");
        var parameter = command.CreateParameter();
        parameter.ParameterName = $"@p{command.Parameters.Count}";
        parameter.Value = value;
        command.Parameters.Add(parameter);
        return Append(parameter.ParameterName);
    }

    /// <summary>Writes <paramref name="values"/> as parameters separated by commas, each converted as <paramref name="mapping"/>'s column.</summary>
    public StatementBatch Parameters(RelationalTypeMapping mapping, IEnumerable<object> values)
    {
        var first = true;
        foreach (var value in values)
        {
            Append(first ? "" : ", ").Parameter(mapping, value, nullable: false);
            first = false;
        }
        return this;
    }

    /// <summary>Starts a statement of up to <paramref name="parameters"/> parameters (running the statements before it if they would not fit); write it with <see cref="Append"/> and <see cref="Parameter"/>.</summary>
    public async Task StartAsync(int parameters, CancellationToken ct)
    {
        if (_command is not null && _command.Parameters.Count + parameters > Limit)
        {
            if (_transaction is null && BeginWhenSplit is not null) _command.Transaction = _transaction = await BeginWhenSplit(ct);
            await FlushAsync(ct);
        }
        if (_command is null)
        {
            _command = context.Database.GetDbConnection().CreateCommand();
            _command.Transaction = _transaction;
        }
        else _text.Append(";\n");
    }

    public StatementBatch Append(string sql)
    {
        _text.Append(sql);
        return this;
    }

    /// <summary>Adds a parameter converted as the model maps <paramref name="mapping"/>'s column, and writes its name into the statement.</summary>
    public StatementBatch Parameter(RelationalTypeMapping mapping, object? value, bool nullable)
    {
        var command = _command ?? throw new InvalidOperationException("StartAsync comes before a statement's parameters");
        var name = $"@p{command.Parameters.Count}";
        command.Parameters.Add(mapping.CreateParameter(command, name, value, nullable));
        _text.Append(name);
        return this;
    }

    /// <summary>
    /// Runs the queries appended so far in one round trip and hands their result sets, in order, to <paramref name="read"/>.
    /// Start the batch with a limit no query set exceeds (<c>int.MaxValue</c>): a query cannot run early on its own.
    /// </summary>
    public async Task ReadAsync(Func<DbDataReader, Task> read, CancellationToken ct)
    {
        if (_command is null) throw new InvalidOperationException("nothing to read");
        await context.Database.OpenConnectionAsync(ct);
        try
        {
            await RunAsync(read, ct);
        }
        finally
        {
            await context.Database.CloseConnectionAsync();
        }
    }

    /// <summary>Runs the statements appended so far, in one round trip.</summary>
    public Task FlushAsync(CancellationToken ct) => RunAsync(ReadResults, ct);

    private async Task RunAsync(Func<DbDataReader, Task>? read, CancellationToken ct)
    {
        if (_command is null) return;
        await using var command = _command;
        _command = null;
        command.CommandText = _text.ToString();
        _text.Clear();
        if (read is null)
        {
            await command.ExecuteNonQueryAsync(ct);
            return;
        }
        await using var reader = await command.ExecuteReaderAsync(ct);
        await read(reader);
    }

    /// <summary><paramref name="type"/>'s entity in the model and its table.</summary>
    public (IEntityType Entity, StoreObjectIdentifier Table) Table(Type type)
    {
        var entity = context.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model");
        return (entity, StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema()));
    }

    public static IProperty Property(IEntityType entity, string name) =>
        entity.FindProperty(name) ?? throw new InvalidOperationException($"{entity.ClrType.Name} has no property {name}");
}
