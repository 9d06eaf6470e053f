using CsPlaybooks.Infrastructure.Events;
using CsPlaybooks.Infrastructure.Pumps;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>
/// Events in batches, the way timers fire: one round trip finds the instances waiting for any of them (<see cref="EventGroupRead"/>), one load brings
/// those instances, and one transaction resumes them, records the deliveries and marks the events processed (and, for
/// posted events, stores them). Exactly once per event and instance still holds: the delivery rows and the instances'
/// revision tokens commit together or not at all, and a batch that cannot commit is delivered event by event.
/// </summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// Stores many events for later delivery (the batch endpoint): durable when this returns, claimed by nobody, so
    /// <see cref="EventPump"/> on any node delivers them. Idempotent by id. Returns the ids already stored (duplicates),
    /// or, storing nothing, the accounts that do not exist.
    /// </summary>
    public async Task<(IReadOnlyList<string> Duplicates, IReadOnlyList<string> UnknownAccounts)> StoreEventsAsync(IReadOnlyList<NewEvent> batch, CancellationToken ct)
    {
        var accountIds = batch.Select(e => e.AccountId).Distinct().ToList();
        await using var context = db.Create();
        var known = await context.Accounts.AsNoTracking().Where(a => accountIds.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct);
        if (known.Count < accountIds.Count) return ([], accountIds.Except(known).ToList());
        var seen = new HashSet<string>();
        var records = new List<EventRecord>(batch.Count);
        foreach (var e in batch)
        {
            if (!seen.Add(e.Id)) continue;
            var record = events.Record(e);
            record.ClaimedBy = null;
            record.ClaimedUntil = null;
            records.Add(record);
        }
        // Ids stored before, by an earlier request or a concurrent one, are skipped by the insert itself.
        var stored = (await StoreNewAsync(context, records, ct)).ToHashSet();
        if (stored.Count > 0) wakeups.Events.Set();
        var duplicates = new List<string>();
        foreach (var e in batch)
            if (!stored.Remove(e.Id)) duplicates.Add(e.Id);
        return (duplicates, []);
    }

    /// <summary>
    /// Inserts the events not stored yet. Should the database refuse the insert because a concurrent writer of the same
    /// ids (the group of single posted events) locked them in another order, it is tried again: what that writer stored is
    /// skipped then.
    /// </summary>
    private async Task<IReadOnlyList<string>> StoreNewAsync(PlaybooksDbContext context, IReadOnlyList<EventRecord> records, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await BulkRows.InsertNewAsync<EventRecord, string>(context, records, ct);
            }
            catch (System.Data.Common.DbException e) when (attempt < 3 && e.IsTransient)
            {
                log.LogDebug(e, "storing a batch of events was refused ({Attempt} of 3); trying again", attempt);
            }
        }
    }

    /// <summary>Delivers events a change just committed, in batches of whole accounts, one after the other; an event whose batch fails is processed on its own. (The event pump delivers claimed events through <see cref="PendingChunksAsync"/> and <see cref="DeliverChunkAsync"/>, several at once.)</summary>
    public async Task DeliverStoredAsync(IReadOnlyList<string> eventIds, CancellationToken ct)
    {
        foreach (var chunk in await PendingChunksAsync(eventIds, ct)) await DeliverChunkAsync(chunk, ct);
    }

    /// <summary>The events of <paramref name="eventIds"/> not yet processed, in order received, in chunks of whole accounts (up to <see cref="EventGroupSize"/> events).</summary>
    public async Task<IReadOnlyList<IReadOnlyList<EventRecord>>> PendingChunksAsync(IReadOnlyList<string> eventIds, CancellationToken ct)
    {
        List<EventRecord> pending;
        await using (var context = db.Create())
            pending = await context.Events.AsNoTracking().Where(e => eventIds.Contains(e.Id) && e.ProcessedAt == null).OrderBy(e => e.ReceivedAt).ToListAsync(ct);
        return RunningChunks.Split(pending, e => e.AccountId, EventGroupSize);
    }

    /// <summary>Delivers one chunk in one transaction; if it cannot commit, each of its events on its own.</summary>
    public async Task DeliverChunkAsync(IReadOnlyList<EventRecord> chunk, CancellationToken ct)
    {
        bool delivered;
        await using (var lookup = db.Create())
        {
            var known = await EventGroupRead.ReadAsync(lookup, [], chunk.Select(e => e.AccountId).Distinct().ToList(), chunk.Select(e => e.Name).Distinct().ToList(), ct);
            delivered = await DeliverBatchAsync(chunk, insert: false, lookup, known, ct);
        }
        if (delivered) return;
        foreach (var evt in chunk)
        {
            try
            {
                await ProcessEventAsync(evt.Id, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "event {Event} could not be delivered; it is retried when its lease ends", evt.Id);
            }
        }
    }

    /// <summary>
    /// Delivers <paramref name="batch"/> (in order) in one transaction; with <paramref name="insert"/> the events are new
    /// and stored in it. Events that trigger playbooks are enrolled after the commit and then marked processed (the
    /// enrolment key makes that safe to repeat). False, with nothing committed, when the batch could not commit.
    /// <paramref name="known"/>: what the caller read of the batch's accounts and waiting instances; <paramref name="lookup"/>:
    /// the context it read them on, to reload the trigger index should a playbook have been published.
    /// </summary>
    private async Task<bool> DeliverBatchAsync(IReadOnlyList<EventRecord> batch, bool insert, PlaybooksDbContext lookup, EventGroupRead known, CancellationToken ct)
    {
        var triggers = await triggerIndex.GetAsync(lookup, known.PlaybookVersions, ct);
        var instanceIds = known.Waiting.SelectMany(g => g).Distinct().ToList();
        var resumed = new int[batch.Count];
        var committed = await runner.RunBatchAsync(instanceIds, async (context, scopes, token) =>
        {
            // An event an earlier attempt already delivered to one of these instances (one by one, before a crash) is not
            // looked for here: its delivery row's key refuses the commit, and the events are then delivered one by one,
            // each delivery checked. Looking would cost every batch a query, and a sequential scan where the planner
            // has no statistics of the table yet (5 ms a chunk at 30,000 deliveries).
            var now = time.GetUtcNow();
            for (var i = 0; i < batch.Count; i++)
            {
                var evt = batch[i];
                var signal = Signal(evt);
                foreach (var instanceId in known.Waiting[(evt.AccountId, evt.Name)])
                {
                    if (!scopes.TryGetValue(instanceId, out var scope)) continue;
                    if (!await ResumeWaitingAsync(scope, signal, token)) continue;
                    context.Appended.Add(new EventDeliveryRecord { EventId = evt.Id, InstanceId = instanceId });
                    resumed[i]++;
                }
                // An event that starts playbooks is marked processed once they are enrolled, after this commit (FinishAsync).
                var processed = triggers.Contains(evt.Name) ? null : MarkProcessed(evt, $"resumed {resumed[i]} instance(s)", now);
                if (insert) context.Appended.Add(evt);
                else if (processed is not null) context.Updated.Add<EventRecord>(evt.Id, processed);
            }
        }, ct, known.Accounts);
        if (!committed) return false;
        for (var i = 0; i < batch.Count; i++)
            if (triggers.Contains(batch[i].Name)) await FinishAsync(batch[i], resumed[i], triggers[batch[i].Name].ToList(), ct);
        return true;
    }
}
