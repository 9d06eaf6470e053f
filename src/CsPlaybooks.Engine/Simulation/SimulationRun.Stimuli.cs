using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Triggers;

namespace CsPlaybooks.Engine.Simulation;

/// <summary>What each stimulus does: enrolments (with re-entry and holdout as production applies them), sweeps, events, changes, deliveries.</summary>
internal sealed partial class SimulationRun
{
    /// <summary>
    /// Starts an instance unless the occurrence already enrolled (production's enrolment key) or the re-entry rule
    /// blocks it (production's re-entry guard: held while an instance runs or has faulted; for 'never', for ever).
    /// </summary>
    private bool Enrol(SimulationTrack track, string source, string? occurrence, JsonObject? input = null, JsonObject? triggerEvent = null)
    {
        if (occurrence is not null && track.Occurrences.Contains(occurrence)) return false;
        var reentry = track.Playbook.Definition.Enrolment.Reentry;
        var blocker = reentry switch
        {
            ReentryRule.Never => track.Instances.FirstOrDefault(),
            ReentryRule.AfterExit => track.Instances.LastOrDefault(i => i.State.Status is InstanceStatus.Running or InstanceStatus.Faulted),
            _ => null,
        };
        if (blocker is not null)
        {
            // A blocked occurrence is tried again at every sweep (as in production); say so once.
            if (track.Skipped.Add(occurrence ?? $"{source}@{_now:o}"))
            {
                var why = reentry == ReentryRule.Never
                    ? "the account was enrolled before and the re-entry rule is 'never'"
                    : $"enrolment {blocker.Number} is still {blocker.State.Status.ToString().ToLowerInvariant()} and the re-entry rule is 'afterExit'";
                Add(new TimelineEntry(_now, null, SimulationKinds.Skipped, $"{source}: not enrolled, {why}",
                    new JsonObject { ["source"] = source, ["occurrence"] = occurrence, ["blockedBy"] = blocker.Number }) { Playbook = track.Id });
            }
            return false;
        }
        if (occurrence is not null) track.Occurrences.Add(occurrence);

        var number = track.Instances.Count + 1;
        var definition = track.Playbook.Definition;
        var holdout = Holdout.IsHeldOut(definition.Id, _request.Context.AccountId, definition.Enrolment.HoldoutPercent);
        // Deterministic ids, so task keys are predictable: the first playbook's first enrolment keeps the context's id.
        var id = number == 1 && track.Index == 0 ? _request.Context.InstanceId : new Guid(number, (short)track.Index, 0, new byte[8]);
        var instance = new SimulatedInstance(track, number, id, holdout,
            new SimulatedEnrolment(number, _now, source, occurrence, holdout) { Playbook = definition.Id, Version = definition.Version });
        track.Instances.Add(instance);
        _instances.Add(instance);
        if (source != "manual")
        {
            Add(new TimelineEntry(_now, null, SimulationKinds.Enrolled,
                $"{source} enrolled the account" + (occurrence is null ? "" : $" ({occurrence})") + (holdout ? "; in the holdout: no touches are sent" : ""),
                new JsonObject { ["source"] = source, ["occurrence"] = occurrence, ["holdout"] = holdout }) { Enrolment = number, Playbook = track.Id });
        }
        var context = ContextFor(instance);
        if (triggerEvent is not null) context.Model.Set("event", triggerEvent.DeepClone());
        Record(instance, _interpreter.Start(track.Playbook, context, input));
        return true;
    }

    /// <summary>One run of production's trigger sweep for this account and playbook (contractDate, segment).</summary>
    private void Sweep(SimulationTrack track, ISweptTrigger trigger)
    {
        // A segment's condition reads only the account: unchanged account, unchanged answer, no entry.
        if (trigger.EnrolsOnEntryOnly && track.CheckedVersion == _accountVersion) return;
        track.CheckedVersion = _accountVersion;
        var occurrence = trigger.Occurrence(new SweepFacts(_account, TriggerModel(), Today));
        if (trigger.EnrolsOnEntryOnly)
        {
            var entered = occurrence is not null && !track.InSegment;
            track.InSegment = occurrence is not null;
            if (!entered) return;
        }
        if (occurrence is not null) Enrol(track, $"{track.Playbook.Definition.Trigger!.Type} trigger", occurrence);
    }

    /// <summary>An event reaches the instances waiting for it, then the event triggers (as production delivers it).</summary>
    private void Deliver(ScriptedEvent scripted)
    {
        var eventId = $"sim-{++_eventSequence}";
        var signal = new ResumeSignal.EventReceived(eventId, scripted.Name, scripted.Data);
        var reached = false;
        foreach (var instance in _instances.Where(i => i.State.Bookmarks.Any(b => b.EventName == scripted.Name)).ToList())
        {
            foreach (var bookmark in instance.State.Bookmarks.Where(b => b.EventName == scripted.Name).ToList())
                Record(instance, _interpreter.Resume(instance.Track.Playbook, ContextFor(instance), instance.State, bookmark.Id, signal));
            reached = true;
        }
        foreach (var track in _tracks)
        {
            if (track.Playbook.TriggerSettings is not EventTriggerSettings trigger) continue;
            var model = EventTriggerSettings.EventModel(eventId, scripted.Name, scripted.Data);
            reached |= trigger.Accepts(Model(), model) && Enrol(track, $"event {scripted.Name}", $"event:{eventId}", scripted.Data, model);
        }
        if (!reached)
            Add(new TimelineEntry(_now, null, SimulationKinds.EventIgnored, $"{scripted.Name} arrived; nothing was waiting for it", scripted.Data));
    }

    private void ApplyChange(ScriptedChange change)
    {
        MergePatch(_account, change.Change);
        AccountChanged();
        var fields = change.Change.Select(p => $"{p.Key} = {p.Value?.ToJsonString() ?? "null"}");
        Add(new TimelineEntry(_now, null, SimulationKinds.AccountChanged, $"account changed: {string.Join(", ", fields)}", change.Change.DeepClone().AsObject()));
    }

    private void RecordUsage(ScriptedUsage usage)
    {
        Apply(null, null, _request.World!.RecordUsage(usage.Fact, _account, DeliveryContextFor(null)));
        AccountChanged();
    }

    /// <summary>
    /// A captured message delivered as production's outbox does: startPlaybook enrols the named playbook of this run
    /// (keyed by the message, as production's enrolment key is); every other kind goes to the world (governance, tasks…).
    /// </summary>
    private void DeliverMessage(PendingDelivery pending)
    {
        var (from, message) = (pending.From, pending.Message);
        if (message.Kind == OutboxKinds.StartPlaybook)
        {
            var target = (string?)message.Payload["playbookId"];
            var track = _tracks.FirstOrDefault(t => t.Id == target);
            if (track is not null) Enrol(track, $"startPlaybook from {from?.Track.Id}", $"start:{message.DedupKey}");
            else Add(new TimelineEntry(_now, message.StepId, SimulationKinds.NotSimulated, $"would start {target}, which is not part of this simulation", message.Payload)
                { Enrolment = from?.Number, Playbook = from?.Track.Id });
            return;
        }
        var delivery = _request.World!.Deliver(message, DeliveryContextFor(from));
        Apply(from, message.StepId, delivery);
        if (delivery.RetryAt is { } retry) _deliveries.Enqueue(pending, (retry, ++_sequence));
    }

    private void Apply(SimulatedInstance? from, string? stepId, SimulatedDelivery delivery)
    {
        foreach (var effect in delivery.Effects)
            Add(new TimelineEntry(_now, stepId, effect.Type, effect.Summary, effect.Detail) { Enrolment = from?.Number, Playbook = from?.Track.Id });
        foreach (var raised in delivery.Raised) Raise(raised);
    }

    /// <summary>RFC 7386: objects merge, null removes, anything else replaces.</summary>
    private static void MergePatch(JsonObject target, JsonObject patch)
    {
        foreach (var (key, value) in patch)
        {
            if (value is null) target.Remove(key);
            else if (value is JsonObject child && target[key] is JsonObject existing) MergePatch(existing, child);
            else target[key] = value.DeepClone();
        }
    }
}
