using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Triggers;
using CsPlaybooks.Infrastructure.Events;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>Events: stored first (see <see cref="EventQueue"/>), then delivered to waiting instances and to event-triggered playbooks.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>
    /// Stores an event posted from outside (idempotent by id; durable before this returns) and delivers it. Returns false
    /// when the id was already accepted (the stored event is returned as it is).
    /// </summary>
    public async Task<(bool Accepted, EventRecord Event)> AcceptEventAsync(string? id, string name, string accountId, JsonObject? data, CancellationToken ct)
    {
        var record = events.Record(new NewEvent(string.IsNullOrWhiteSpace(id) ? Guid.CreateVersion7(time.GetUtcNow()).ToString() : id, name, accountId, data));
        if (await FindEventAsync(record.Id, ct) is { } existing) return (false, existing);
        try
        {
            await batcher.CommitAsync((context, _) =>
            {
                context.Events.Add(record);
                return Task.CompletedTask;
            }, ct);
        }
        catch (DbUpdateException)
        {
            if (await FindEventAsync(record.Id, ct) is not { } raced) throw;
            return (false, raced);
        }
        return (true, await ProcessEventAsync(record.Id, ct));
    }

    /// <summary>
    /// Delivers events a change has just committed (staged with <see cref="EventQueue.StageAsync"/>). A failure is logged,
    /// not thrown: the change is committed, and the event pump delivers the event once this node's claim ends.
    /// </summary>
    public async Task DeliverCommittedAsync(IEnumerable<NewEvent> committed, CancellationToken ct)
    {
        foreach (var e in committed)
        {
            try
            {
                await ProcessEventAsync(e.Id, ct);
            }
            catch (Exception failure) when (failure is not OperationCanceledException)
            {
                log.LogWarning(failure, "event {Event} is stored but could not be delivered now; the event pump will deliver it", e.Id);
            }
        }
    }

    private async Task<EventRecord?> FindEventAsync(string id, CancellationToken ct)
    {
        await using var context = db.Create();
        return await context.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id, ct);
    }

    /// <summary>Delivers a stored event. Safe to repeat (after a crash, or on two nodes): deliveries and enrolments are idempotent.</summary>
    public async Task<EventRecord> ProcessEventAsync(string eventId, CancellationToken ct)
    {
        EventRecord evt;
        List<Guid> waiting;
        List<(string PlaybookId, int Version)> triggered;
        await using (var context = db.Create())
        {
            evt = await context.Events.AsNoTracking().FirstAsync(e => e.Id == eventId, ct);
            if (evt.ProcessedAt is not null) return evt;
            waiting = await context.Bookmarks.AsNoTracking().Where(b => b.AccountId == evt.AccountId && b.EventName == evt.Name)
                .Select(b => b.InstanceId).Distinct().ToListAsync(ct);
            triggered = (await context.PlaybookVersions.AsNoTracking()
                .Where(v => v.TriggerType == "event" && v.TriggerEvent == evt.Name)
                .Join(context.Playbooks, v => new { Id = v.PlaybookId, V = v.Version }, p => new { p.Id, V = p.LatestVersion }, (v, p) => new { v.PlaybookId, v.Version })
                .ToListAsync(ct)).Select(x => (x.PlaybookId, x.Version)).ToList();
        }

        var data = evt.DataJson is null ? null : JsonNode.Parse(evt.DataJson)?.AsObject();
        var signal = new ResumeSignal.EventReceived(evt.Id, evt.Name, data);
        var resumed = 0;
        foreach (var instanceId in waiting)
            if (await DeliverAsync(instanceId, signal, ct)) resumed++;

        var started = new List<string>();
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

        var outcome = $"resumed {resumed} instance(s)" + (started.Count > 0 ? $"; started {string.Join(", ", started)}" : "");
        var now = time.GetUtcNow();
        await using (var context = db.Create())
        {
            await context.Events.Where(e => e.Id == eventId).ExecuteUpdateAsync(s => s
                .SetProperty(e => e.ProcessedAt, now).SetProperty(e => e.Outcome, outcome).SetProperty(e => e.DeliverAt, (DateTimeOffset?)null)
                .SetProperty(e => e.ClaimedBy, (string?)null).SetProperty(e => e.ClaimedUntil, (DateTimeOffset?)null), ct);
        }
        evt.ProcessedAt = now;
        evt.Outcome = outcome;
        evt.DeliverAt = null;
        return evt;
    }

    /// <summary>Resumes every bookmark of the instance waiting for this event, in one transaction, at most once per event.</summary>
    private Task<bool> DeliverAsync(Guid instanceId, ResumeSignal.EventReceived signal, CancellationToken ct) =>
        runner.RunAsync(instanceId, async (scope, token) =>
        {
            if (scope is null) return false;
            if (await scope.Context.EventDeliveries.AnyAsync(d => d.EventId == signal.EventId && d.InstanceId == instanceId, token)) return false;
            foreach (var bookmark in scope.State.Bookmarks.Where(b => b.EventName == signal.Name).ToList())
                await scope.StageAsync(interpreter.Resume(scope.Playbook, scope.NewContext(), scope.State, bookmark.Id, signal), token);
            if (scope.Bursts.Count == 0) return false;
            scope.Context.EventDeliveries.Add(new EventDeliveryRecord { EventId = signal.EventId, InstanceId = instanceId });
            return true;
        }, () => throw new InvalidOperationException($"instance {instanceId} kept changing while delivering event {signal.EventId}"), ct);
}
