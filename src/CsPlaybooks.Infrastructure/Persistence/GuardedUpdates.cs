using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;

namespace CsPlaybooks.Infrastructure.Persistence;

/// <summary>
/// On PostgreSQL, the tracked rows a unit of work changed that carry a concurrency token (an instance and its revision,
/// an account and its revision) are written by one set-based <c>UPDATE … FROM unnest(…)</c> per entity and set of changed
/// columns, in the save's one command (<see cref="StatementBatch"/>), instead of EF's <c>UPDATE</c> per row in a round
/// trip of its own. The token is checked as EF checks it — a row matches only if its token is still the one read — and
/// the database function <c>playbooks_expect_rows</c> fails the statement, and with it the transaction, unless every row
/// matched; the save then throws <see cref="DbUpdateConcurrencyException"/>, as EF would.
/// </summary>
internal sealed class GuardedUpdates
{
    /// <summary>The SQLSTATE <c>playbooks_expect_rows</c> raises (migration RevisionGuard).</summary>
    public const string ConflictState = "CS409";

    private static readonly ConcurrentDictionary<IEntityType, IProperty?> Tokens = new();
    private readonly List<Group> _groups = [];

    public int Count => _groups.Sum(g => g.Rows.Count);

    public static GuardedUpdates None { get; } = new();

    /// <summary>Takes the changed rows with a concurrency token out of EF's hands (they are Unchanged to it until <see cref="Restore"/>).</summary>
    public static GuardedUpdates Take(PlaybooksDbContext context)
    {
        var taken = new GuardedUpdates();
        foreach (var entry in context.ChangeTracker.Entries().Where(e => e.State == EntityState.Modified).ToList())
        {
            if (Tokens.GetOrAdd(entry.Metadata, Token) is not { } token) continue;
            var changed = entry.Properties.Where(p => p.IsModified).Select(p => p.Metadata).ToList();
            var group = taken._groups.FirstOrDefault(g => g.Entity == entry.Metadata && g.Changed.SequenceEqual(changed));
            if (group is null) taken._groups.Add(group = new Group(entry.Metadata, token, changed, []));
            group.Rows.Add(new Row(entry, changed.Select(p => entry.Property(p).OriginalValue).ToArray(), entry.Property(token).OriginalValue));
            // Unchanged reverts a changed row's values to its originals: make the originals its current values first.
            entry.OriginalValues.SetValues(entry.CurrentValues);
            entry.State = EntityState.Unchanged;
        }
        return taken;
    }

    /// <summary>Gives the rows back to EF as they were taken: changed, with the values they were read with as originals.</summary>
    public void Restore()
    {
        foreach (var group in _groups)
            foreach (var row in group.Rows)
                for (var i = 0; i < group.Changed.Count; i++)
                {
                    var property = row.Entry.Property(group.Changed[i]);
                    property.OriginalValue = row.Originals[i];
                    property.IsModified = true;
                }
    }

    public async Task AppendToAsync(StatementBatch batch, CancellationToken ct)
    {
        foreach (var group in _groups)
        {
            var (_, table) = batch.Table(group.Entity.ClrType);
            var key = group.Entity.FindPrimaryKey()!.Properties[0];
            string Column(IProperty p) => batch.Sql.DelimitIdentifier(p.GetColumnName(table)!);
            await batch.StartAsync(group.Changed.Count + 3, ct);
            batch.Append($"WITH changed AS (UPDATE {batch.Sql.DelimitIdentifier(table.Name, table.Schema)} AS t SET ")
                .Append(string.Join(", ", group.Changed.Select((p, i) => $"{Column(p)} = v.c{i}")))
                .Append(" FROM unnest(").Array(key, table, group.Rows.Select(r => r.Entry.Property(key).CurrentValue))
                .Append(", ").Array(group.Token, table, group.Rows.Select(r => r.Token));
            for (var i = 0; i < group.Changed.Count; i++)
                batch.Append(", ").Array(group.Changed[i], table, group.Rows.Select(r => r.Entry.Property(group.Changed[i]).CurrentValue));
            batch.Append($") AS v(k, o{string.Concat(group.Changed.Select((_, i) => $", c{i}"))}) ")
                .Append($"WHERE t.{Column(key)} = v.k AND t.{Column(group.Token)} IS NOT DISTINCT FROM v.o RETURNING 1) ")
                .Append($"SELECT playbooks_expect_rows('{table.Name}', count(*), ").Value(group.Rows.Count).Append(") FROM changed");
        }
    }

    /// <summary>
    /// The entity's one concurrency token, if its rows can be written this way (found once per entity, in <see cref="Tokens"/>): a single-column key, one token, no value
    /// the database generates on update (EF would read it back), not owned (its columns share another entity's row).
    /// </summary>
    private static IProperty? Token(IEntityType entity)
    {
        var tokens = entity.GetProperties().Where(p => p.IsConcurrencyToken).ToList();
        return tokens.Count == 1 && entity.FindPrimaryKey()?.Properties.Count == 1 && !entity.IsOwned()
            && !entity.GetProperties().Any(p => p.ValueGenerated.HasFlag(ValueGenerated.OnUpdate))
            ? tokens[0] : null;
    }

    private sealed record Group(IEntityType Entity, IProperty Token, List<IProperty> Changed, List<Row> Rows);

    private sealed record Row(EntityEntry Entry, object?[] Originals, object? Token);
}
