using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Triggers;
using CsPlaybooks.Infrastructure.Events;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Runtime;

public enum EventAcceptStatus { Accepted, Duplicate, AccountNotFound }

/// <summary>What became of a posted event: accepted (and delivered), a duplicate of a stored one (returned as stored), or refused.</summary>
public sealed record EventAcceptance(EventAcceptStatus Status, EventRecord? Event);

/// <summary>
/// Posted events: stored and delivered to the instances waiting for them in one transaction (<see cref="DeliverBatchAsync"/>),
/// events of concurrent callers group-committed together. Should a batch not commit, each event takes the step-by-step
/// path (store, then <see cref="ProcessEventAsync"/>).
/// </summary>
public sealed partial class WorkflowRuntime : IAsyncDisposable
{
    public const int EventGroupSize = 100;
    private GroupCommit<NewEvent, EventAcceptance>? _intake;

    public ValueTask DisposeAsync() => _intake?.DisposeAsync() ?? ValueTask.CompletedTask;

    // Two groups in flight where the database takes two writers, of even size: a group spends most of its time waiting
    // for the database, and a second one uses the idle cores; a second group of a few events would cost its round trips
    // and commit for little (docs/benchmarks.md).
    private GroupCommit<NewEvent, EventAcceptance> Intake => LazyInitializer.EnsureInitialized(ref _intake, () =>
        new(db.Provider == DatabaseProvider.Sqlite ? 1 : 2, EventGroupSize, AcceptBatchAsync, AcceptOneAsync, log, evenBatches: true));

    /// <summary>
    /// Accepts an event posted from outside: durable and delivered before this returns; idempotent by id (a repeated id
    /// returns the stored event as <see cref="EventAcceptStatus.Duplicate"/>); events of unknown accounts are refused.
    /// </summary>
    public Task<EventAcceptance> AcceptEventAsync(string? id, string name, string accountId, JsonObject? data, CancellationToken ct) =>
        Intake.SubmitAsync(new NewEvent(string.IsNullOrWhiteSpace(id) ? Guid.CreateVersion7(time.GetUtcNow()).ToString() : id, name, accountId, data), ct);

    private async Task<IReadOnlyList<EventAcceptance>> AcceptBatchAsync(IReadOnlyList<NewEvent> posted)
    {
        var ct = CancellationToken.None; // callers that gave up do not cancel the others' commit
        var ids = posted.Select(e => e.Id).Distinct().ToList();
        var accountIds = posted.Select(e => e.AccountId).Distinct().ToList();
        await using var context = db.Create();
        var known = await EventGroupRead.ReadAsync(context, ids, accountIds, posted.Select(e => e.Name).Distinct().ToList(), ct);
        var duplicates = known.Stored.ToList(); // returned as stored: read in full (rare: a client's retry)
        var stored = duplicates.Count == 0 ? [] : await context.Events.AsNoTracking().Where(e => duplicates.Contains(e.Id)).ToDictionaryAsync(e => e.Id, ct);
        var fresh = new Dictionary<string, EventRecord>();
        foreach (var e in posted)
            if (!stored.ContainsKey(e.Id) && known.Accounts.ContainsKey(e.AccountId)) fresh.TryAdd(e.Id, events.Record(e));
        if (fresh.Count > 0 && !await DeliverBatchAsync([.. fresh.Values], insert: true, context, known, ct))
            throw new InvalidOperationException("the batch of events could not commit together");
        var firstSeen = new HashSet<string>();
        return posted.Select(e =>
            stored.TryGetValue(e.Id, out var old) ? new EventAcceptance(EventAcceptStatus.Duplicate, old)
            : !known.Accounts.ContainsKey(e.AccountId) ? new EventAcceptance(EventAcceptStatus.AccountNotFound, null)
            : new EventAcceptance(firstSeen.Add(e.Id) ? EventAcceptStatus.Accepted : EventAcceptStatus.Duplicate, fresh[e.Id])).ToList();
    }

    /// <summary>One event on its own (its batch did not commit): stored, then processed step by step.</summary>
    private async Task<EventAcceptance> AcceptOneAsync(NewEvent e)
    {
        var ct = CancellationToken.None;
        var record = events.Record(e);
        await using (var context = db.Create())
        {
            if (await context.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == e.Id, ct) is { } existing) return new(EventAcceptStatus.Duplicate, existing);
            if (!await context.Accounts.AnyAsync(a => a.Id == e.AccountId, ct)) return new(EventAcceptStatus.AccountNotFound, null);
            context.Events.Add(record);
            try
            {
                await context.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                await using var again = db.Create();
                return await again.Events.AsNoTracking().FirstOrDefaultAsync(x => x.Id == e.Id, ct) is { } raced
                    ? new(EventAcceptStatus.Duplicate, raced)
                    : throw new InvalidOperationException($"event {e.Id} could not be stored");
            }
        }
        return new(EventAcceptStatus.Accepted, await ProcessEventAsync(record.Id, ct));
    }

    /// <summary>
    /// Delivers events a change has just committed (staged with <see cref="EventQueue.StageAsync"/>). A failure is logged,
    /// not thrown: the change is committed, and the event pump delivers the event once this node's claim ends.
    /// </summary>
    public async Task DeliverCommittedAsync(IEnumerable<NewEvent> committed, CancellationToken ct)
    {
        try
        {
            await DeliverStoredAsync(committed.Select(e => e.Id).ToList(), ct);
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            log.LogWarning(failure, "events are stored but could not be delivered now; the event pump will deliver them");
        }
    }

    /// <summary>Delivers a stored event on its own, instance by instance. Safe to repeat (after a crash, or on two nodes): deliveries and enrolments are idempotent.</summary>
    public async Task<EventRecord> ProcessEventAsync(string eventId, CancellationToken ct)
    {
        EventRecord evt;
        List<Guid> waiting;
        await using (var context = db.Create())
        {
            evt = await context.Events.AsNoTracking().FirstAsync(e => e.Id == eventId, ct);
            if (evt.ProcessedAt is not null) return evt;
            waiting = await context.Bookmarks.AsNoTracking().Where(b => b.AccountId == evt.AccountId && b.EventName == evt.Name)
                .Select(b => b.InstanceId).Distinct().ToListAsync(ct);
        }
        var signal = Signal(evt);
        var resumed = 0;
        foreach (var instanceId in waiting)
            if (await DeliverAsync(instanceId, signal, ct)) resumed++;
        await FinishAsync(evt, resumed, (await triggerIndex.GetAsync(ct))[evt.Name].ToList(), ct);
        return evt;
    }

    /// <summary>Enrols the event's account in the playbooks the event triggers (enrolment key = the event id), then marks the event processed.</summary>
    private async Task FinishAsync(EventRecord evt, int resumed, IReadOnlyList<(string PlaybookId, int Version)> triggered, CancellationToken ct)
    {
        var started = new List<string>();
        var data = Data(evt);
        foreach (var (playbookId, version) in triggered)
        {
            var playbook = await catalog.GetAsync(playbookId, version, ct);
            var trigger = EventTriggerSettings.EventModel(evt.Id, evt.Name, data);
            if (playbook?.TriggerSettings is EventTriggerSettings { When: not null } settings)
            {
                var account = await accounts.FindAsync(evt.AccountId, ct);
                if (account is null || !settings.Accepts(account.ToTemplateModel(), trigger)) continue;
            }
            var result = await EnrolAsync(new EnrolmentRequest(playbookId, evt.AccountId, $"event {evt.Name}", $"{playbookId}/{evt.AccountId}/event:{evt.Id}", data, trigger), ct);
            if (result.Status == EnrolmentStatus.Started) started.Add(playbookId);
        }
        var processed = MarkProcessed(evt, $"resumed {resumed} instance(s)" + (started.Count > 0 ? $"; started {string.Join(", ", started)}" : ""), time.GetUtcNow());
        await using var context = db.Create();
        context.Updated.Add<EventRecord>(evt.Id, processed);
        await context.SaveChangesAsync(ct);
    }

    /// <summary>Marks <paramref name="evt"/> processed and released; returns the columns it set, for an update by key (<see cref="UpdatedRows"/>).</summary>
    private static (string Property, object? Value)[] MarkProcessed(EventRecord evt, string outcome, DateTimeOffset now)
    {
        evt.ProcessedAt = now;
        evt.Outcome = outcome;
        evt.DeliverAt = null;
        evt.ClaimedBy = null;
        evt.ClaimedUntil = null;
        return
        [
            (nameof(EventRecord.ProcessedAt), evt.ProcessedAt), (nameof(EventRecord.Outcome), evt.Outcome),
            (nameof(EventRecord.DeliverAt), null), (nameof(EventRecord.ClaimedBy), null), (nameof(EventRecord.ClaimedUntil), null),
        ];
    }

    private static JsonObject? Data(EventRecord evt) => evt.DataJson is null ? null : JsonNode.Parse(evt.DataJson)?.AsObject();

    private static ResumeSignal.EventReceived Signal(EventRecord evt) => new(evt.Id, evt.Name, Data(evt));

    /// <summary>Resumes every bookmark of the instance waiting for this event, in one transaction, at most once per event.</summary>
    private Task<bool> DeliverAsync(Guid instanceId, ResumeSignal.EventReceived signal, CancellationToken ct) =>
        runner.RunAsync(instanceId, async (scope, token) =>
        {
            if (scope is null) return false;
            if (await scope.Context.EventDeliveries.AnyAsync(d => d.EventId == signal.EventId && d.InstanceId == instanceId, token)) return false;
            if (!await ResumeWaitingAsync(scope, signal, token)) return false;
            scope.Context.Appended.Add(new EventDeliveryRecord { EventId = signal.EventId, InstanceId = instanceId });
            return true;
        }, () => throw new InvalidOperationException($"instance {instanceId} kept changing while delivering event {signal.EventId}"), ct);

    /// <summary>Stages the resumption of each of the instance's bookmarks waiting for the event; false when there was none.</summary>
    private async Task<bool> ResumeWaitingAsync(InstanceScope scope, ResumeSignal.EventReceived signal, CancellationToken ct)
    {
        var before = scope.Bursts.Count;
        foreach (var bookmark in scope.State.Bookmarks.Where(b => b.EventName == signal.Name).ToList())
            await scope.StageAsync(interpreter.Resume(scope.Playbook, scope.NewContext(), scope.State, bookmark.Id, signal), ct);
        return scope.Bursts.Count > before;
    }
}
