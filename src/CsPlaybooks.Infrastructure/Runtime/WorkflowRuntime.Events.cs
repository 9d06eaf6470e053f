using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Triggers;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>Accepted events: stored first, then delivered to waiting instances and to event-triggered playbooks.</summary>
public sealed partial class WorkflowRuntime
{
    /// <summary>Stores an event (idempotent by id) and processes it. Returns false when the id was already accepted.</summary>
    public async Task<(bool Accepted, EventRecord Event)> AcceptEventAsync(string? id, string name, string accountId, JsonObject? data, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var record = new EventRecord
        {
            Id = string.IsNullOrWhiteSpace(id) ? Guid.CreateVersion7(now).ToString() : id, Name = name, AccountId = accountId,
            DataJson = data?.ToJsonString(), ReceivedAt = now,
        };
        await using (var context = db.Create())
        {
            if (await context.Events.AsNoTracking().FirstOrDefaultAsync(e => e.Id == record.Id, ct) is { } existing) return (false, existing);
            context.Events.Add(record);
            try
            {
                await context.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                await using var again = db.Create();
                return (false, await again.Events.AsNoTracking().FirstAsync(e => e.Id == record.Id, ct));
            }
        }
        return (true, await ProcessEventAsync(record.Id, ct));
    }

    /// <summary>Delivers a stored event. Safe to repeat after a crash: deliveries and enrolments are idempotent.</summary>
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
            if (playbook?.TriggerSettings is EventTriggerSettings { When: { } when })
            {
                var account = await accounts.FindAsync(evt.AccountId, ct);
                if (account is null) continue;
                var model = account.ToTemplateModel().Set("event", new JsonObject { ["id"] = evt.Id, ["name"] = evt.Name, ["data"] = data?.DeepClone() });
                if (!when.Evaluate(model)) continue;
            }
            var trigger = new JsonObject { ["id"] = evt.Id, ["name"] = evt.Name, ["data"] = data?.DeepClone() };
            var result = await EnrolAsync(new EnrolmentRequest(playbookId, evt.AccountId, $"event {evt.Name}", $"{playbookId}/{evt.AccountId}/event:{evt.Id}", data, trigger), ct);
            if (result.Status == EnrolmentStatus.Started) started.Add(playbookId);
        }

        var outcome = $"resumed {resumed} instance(s)" + (started.Count > 0 ? $"; started {string.Join(", ", started)}" : "");
        await using (var context = db.Create())
        {
            var now = time.GetUtcNow();
            await context.Events.Where(e => e.Id == eventId)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedAt, now).SetProperty(e => e.Outcome, outcome), ct);
        }
        evt.ProcessedAt = time.GetUtcNow();
        evt.Outcome = outcome;
        return evt;
    }

    /// <summary>Resumes every bookmark of the instance waiting for this event, in one transaction, at most once per event.</summary>
    private async Task<bool> DeliverAsync(Guid instanceId, ResumeSignal.EventReceived signal, CancellationToken ct)
    {
        using var _ = await locks.AcquireAsync(instanceId, ct);
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var context = db.Create();
            if (await context.EventDeliveries.AnyAsync(d => d.EventId == signal.EventId && d.InstanceId == instanceId, ct)) return false;
            var instance = await context.Instances.FirstAsync(i => i.Id == instanceId, ct);
            var (playbook, account) = await LoadAsync(context, instance, ct);
            var state = InstanceState.Deserialize(instance.StateJson);
            var now = time.GetUtcNow();
            var bursts = new List<BurstResult>();
            foreach (var bookmark in state.Bookmarks.Where(b => b.EventName == signal.Name).ToList())
            {
                var burst = interpreter.Resume(playbook, ContextFor(instance, account, now), state, bookmark.Id, signal);
                if (!burst.Changed) continue;
                bursts.Add(burst);
                state = burst.State;
                await StageAsync(context, instance, burst, playbook.Definition.Enrolment.Reentry, now, ct);
            }
            if (bursts.Count == 0) return false;
            context.EventDeliveries.Add(new EventDeliveryRecord { EventId = signal.EventId, InstanceId = instanceId });
            if (!await TrySaveAsync(context, ct)) continue;
            bursts.ForEach(Wake);
            return true;
        }
        throw new InvalidOperationException($"instance {instanceId} kept changing while delivering event {signal.EventId}");
    }
}
