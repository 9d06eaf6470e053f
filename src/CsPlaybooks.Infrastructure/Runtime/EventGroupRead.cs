using System.Data.Common;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>
/// What delivering a group of events needs before it locks any instance, read in one round trip (four queries, one
/// command): which of the events are stored already (posted events only), their accounts (to refuse events of unknown
/// accounts, and to build the waiting instances' scopes without reading them again), the instances waiting for the
/// events, and the number of published playbook versions (the event-trigger index's key). Each read was its own round
/// trip before, and on a loaded machine each round trip costs both processes a wake-up, whatever the query.
/// </summary>
internal sealed record EventGroupRead(
    IReadOnlySet<string> Stored,
    IReadOnlyDictionary<string, AccountRow> Accounts,
    ILookup<(string AccountId, string EventName), Guid> Waiting,
    int PlaybookVersions)
{
    /// <param name="storedOf">ids to look up among the stored events (empty: the events are stored, being delivered)</param>
    public static async Task<EventGroupRead> ReadAsync(PlaybooksDbContext context, IReadOnlyCollection<string> storedOf,
        IReadOnlyCollection<string> accountIds, IReadOnlyCollection<string> names, CancellationToken ct)
    {
        var q = new StatementBatch(context, null) { Limit = int.MaxValue };
        if (storedOf.Count > 0)
        {
            await q.StartAsync(storedOf.Count, ct);
            q.Append($"SELECT {q.Name<EventRecord>(nameof(EventRecord.Id))} FROM {q.Name<EventRecord>()} WHERE {q.Name<EventRecord>(nameof(EventRecord.Id))} ")
                .In<EventRecord>(nameof(EventRecord.Id), storedOf);
        }
        await q.StartAsync(accountIds.Count, ct);
        q.Append($"SELECT a.{q.Name<AccountRecord>(nameof(AccountRecord.Id))}, a.{q.Name<AccountRecord>(nameof(AccountRecord.Json))}, ")
            .Append($"c.{q.Name<CsmRecord>(nameof(CsmRecord.Id))}, c.{q.Name<CsmRecord>(nameof(CsmRecord.Name))}, c.{q.Name<CsmRecord>(nameof(CsmRecord.Email))} ")
            .Append($"FROM {q.Name<AccountRecord>()} a LEFT JOIN {q.Name<CsmRecord>()} c ON c.{q.Name<CsmRecord>(nameof(CsmRecord.Id))} = a.{q.Name<AccountRecord>(nameof(AccountRecord.CsmId))} ")
            .Append($"WHERE a.{q.Name<AccountRecord>(nameof(AccountRecord.Id))} ").In<AccountRecord>(nameof(AccountRecord.Id), accountIds);
        await q.StartAsync(accountIds.Count + names.Count, ct);
        q.Append($"SELECT DISTINCT {q.Name<BookmarkRecord>(nameof(BookmarkRecord.InstanceId))}, {q.Name<BookmarkRecord>(nameof(BookmarkRecord.AccountId))}, {q.Name<BookmarkRecord>(nameof(BookmarkRecord.EventName))} ")
            .Append($"FROM {q.Name<BookmarkRecord>()} WHERE {q.Name<BookmarkRecord>(nameof(BookmarkRecord.AccountId))} ").In<BookmarkRecord>(nameof(BookmarkRecord.AccountId), accountIds)
            .Append($" AND {q.Name<BookmarkRecord>(nameof(BookmarkRecord.EventName))} ").In<BookmarkRecord>(nameof(BookmarkRecord.EventName), names);
        await q.StartAsync(0, ct);
        q.Append($"SELECT COUNT(*) FROM {q.Name<PlaybookVersionRecord>()}");

        var stored = new HashSet<string>();
        var accounts = new Dictionary<string, AccountRow>();
        var waiting = new List<(string AccountId, string EventName, Guid InstanceId)>();
        var versions = 0;
        await q.ReadAsync(async reader =>
        {
            if (storedOf.Count > 0)
            {
                while (await reader.ReadAsync(ct)) stored.Add(reader.GetString(0));
                await reader.NextResultAsync(ct);
            }
            while (await reader.ReadAsync(ct))
                accounts[reader.GetString(0)] = new AccountRow(reader.GetString(0), reader.GetString(1), Text(reader, 2), Text(reader, 3), Text(reader, 4));
            await reader.NextResultAsync(ct);
            while (await reader.ReadAsync(ct)) waiting.Add((reader.GetString(1), reader.GetString(2), reader.GetGuid(0)));
            await reader.NextResultAsync(ct);
            await reader.ReadAsync(ct);
            versions = Convert.ToInt32(reader.GetValue(0));
        }, ct);
        return new EventGroupRead(stored, accounts, waiting.ToLookup(w => (w.AccountId, w.EventName), w => w.InstanceId), versions);
    }

    private static string? Text(DbDataReader reader, int column) => reader.IsDBNull(column) ? null : reader.GetString(column);
}
