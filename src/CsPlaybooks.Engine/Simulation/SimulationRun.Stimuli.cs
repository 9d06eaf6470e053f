using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Triggers;

namespace CsPlaybooks.Engine.Simulation;

/// <summary>What each stimulus does: enrolments (with re-entry and holdout as production applies them), sweeps, events, changes.</summary>
internal sealed partial class SimulationRun
{
    /// <summary>
    /// Starts an instance unless the occurrence already enrolled (production's enrolment key) or the re-entry rule
    /// blocks it (production's re-entry guard: held while an instance runs or has faulted; for 'never', for ever).
    /// </summary>
    private bool Enrol(string source, string? occurrence, JsonObject? input = null, JsonObject? triggerEvent = null)
    {
        if (occurrence is not null && _occurrences.Contains(occurrence)) return false;
        var blocker = Reentry switch
        {
            ReentryRule.Never => _instances.FirstOrDefault(),
            ReentryRule.AfterExit => _instances.LastOrDefault(i => i.State.Status is InstanceStatus.Running or InstanceStatus.Faulted),
            _ => null,
        };
        if (blocker is not null)
        {
            // A blocked occurrence is tried again at every sweep (as in production); say so once.
            if (_skipped.Add(occurrence ?? $"{source}@{_now:o}"))
            {
                var why = Reentry == ReentryRule.Never
                    ? "the account was enrolled before and the re-entry rule is 'never'"
                    : $"enrolment {blocker.Number} is still {blocker.State.Status.ToString().ToLowerInvariant()} and the re-entry rule is 'afterExit'";
                _timeline.Add(new TimelineEntry(_now, null, SimulationKinds.Skipped, $"{source}: not enrolled, {why}",
                    new JsonObject { ["source"] = source, ["occurrence"] = occurrence, ["blockedBy"] = blocker.Number }));
            }
            return false;
        }
        if (occurrence is not null) _occurrences.Add(occurrence);

        var number = _instances.Count + 1;
        var holdout = Holdout.IsHeldOut(PlaybookId, _request.Context.AccountId, _request.Playbook.Definition.Enrolment.HoldoutPercent);
        var id = number == 1 ? _request.Context.InstanceId : new Guid(number, 0, 0, new byte[8]);
        var instance = new Instance(number, id, holdout, new SimulatedEnrolment(number, _now, source, occurrence, holdout));
        _instances.Add(instance);
        if (source != "manual")
        {
            _timeline.Add(new TimelineEntry(_now, null, SimulationKinds.Enrolled,
                $"{source} enrolled the account" + (occurrence is null ? "" : $" ({occurrence})") + (holdout ? "; in the holdout: no touches are sent" : ""),
                new JsonObject { ["source"] = source, ["occurrence"] = occurrence, ["holdout"] = holdout }) { Enrolment = number });
        }
        var context = ContextFor(instance);
        if (triggerEvent is not null) context.Model.Set("event", triggerEvent.DeepClone());
        Record(instance, _interpreter.Start(_request.Playbook, context, input));
        return true;
    }

    /// <summary>One run of production's trigger sweep for this account (contractDate, segment).</summary>
    private void Sweep(ISweptTrigger trigger)
    {
        var occurrence = trigger.Occurrence(new SweepFacts(_account, Model(), Today));
        if (trigger.EnrolsOnEntryOnly)
        {
            var entered = occurrence is not null && !_inSegment;
            _inSegment = occurrence is not null;
            if (!entered) return;
        }
        if (occurrence is not null) Enrol($"{_request.Playbook.Definition.Trigger!.Type} trigger", occurrence);
    }

    /// <summary>An event reaches the instances waiting for it, then the event trigger (as production delivers it).</summary>
    private void Deliver(ScriptedEvent scripted)
    {
        var eventId = $"sim-{++_eventSequence}";
        var signal = new ResumeSignal.EventReceived(eventId, scripted.Name, scripted.Data);
        var resumed = 0;
        foreach (var instance in _instances.Where(i => i.State.Bookmarks.Any(b => b.EventName == scripted.Name)).ToList())
        {
            foreach (var bookmark in instance.State.Bookmarks.Where(b => b.EventName == scripted.Name).ToList())
                Record(instance, _interpreter.Resume(_request.Playbook, ContextFor(instance), instance.State, bookmark.Id, signal));
            resumed++;
        }
        var enrolled = false;
        if (_request.Playbook.TriggerSettings is EventTriggerSettings trigger)
        {
            var model = EventTriggerSettings.EventModel(eventId, scripted.Name, scripted.Data);
            enrolled = trigger.Accepts(Model(), model) && Enrol($"event {scripted.Name}", $"event:{eventId}", scripted.Data, model);
        }
        if (resumed == 0 && !enrolled)
            _timeline.Add(new TimelineEntry(_now, null, SimulationKinds.EventIgnored, $"{scripted.Name} arrived; nothing was waiting for it", scripted.Data));
    }

    private void ApplyChange(ScriptedChange change)
    {
        MergePatch(_account, change.Change);
        var fields = change.Change.Select(p => $"{p.Key} = {p.Value?.ToJsonString() ?? "null"}");
        _timeline.Add(new TimelineEntry(_now, null, SimulationKinds.AccountChanged, $"account changed: {string.Join(", ", fields)}", change.Change.DeepClone().AsObject()));
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
