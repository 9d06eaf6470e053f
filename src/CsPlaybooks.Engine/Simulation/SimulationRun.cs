using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Triggers;
using NodaTime;

namespace CsPlaybooks.Engine.Simulation;

/// <summary>One simulation: the account document, the playbooks' instances, and the stimuli, in time order.</summary>
internal sealed partial class SimulationRun
{
    /// <summary>What happens next; at one instant the lower kind goes first.</summary>
    private enum Stimulus { Delivery, Timer, Change, Usage, Event, Sweep, Schedule }

    private sealed record PendingDelivery(SimulatedInstance? From, OutboxMessage Message);

    private readonly PlaybookInterpreter _interpreter;
    private readonly ICronSchedule? _cron;
    private readonly SimulationRequest _request;
    private readonly JsonObject _account;
    private readonly List<SimulationTrack> _tracks = [];
    private readonly List<SimulatedInstance> _instances = [];
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<OutboxMessage> _captured = [];
    private readonly PriorityQueue<ScriptedEvent, (DateTimeOffset, long)> _events = new();
    private readonly PriorityQueue<PendingDelivery, (DateTimeOffset, long)> _deliveries = new();
    private long _sequence;
    /// <summary>Bumped whenever the account document changes, so trigger checks reuse the model (and a segment its answer) until then.</summary>
    private int _accountVersion;
    private (int Version, TemplateModel Model)? _triggerModel;
    private DateTimeOffset _now;
    private int _eventSequence;

    public SimulationRun(PlaybookInterpreter interpreter, ICronSchedule? cron, SimulationRequest request)
    {
        _interpreter = interpreter;
        _cron = cron;
        _request = request;
        _account = request.Account?.DeepClone().AsObject() ?? AccountFromModel(request.Context.Model);
        _now = request.Start;
        foreach (var playbook in (IEnumerable<Validation.CompiledPlaybook>)[request.Playbook, .. request.Together])
            _tracks.Add(new SimulationTrack(playbook, _tracks.Count));
        foreach (var e in request.Events) Raise(e);
        if ((request.Deliver || request.Usage.Count > 0) && request.World is null)
            throw new InvalidOperationException("delivering messages and scoring usage in a simulation need an ISimulationWorld");
    }

    public SimulationResult Run()
    {
        var changes = new Queue<ScriptedChange>(_request.Changes.OrderBy(c => c.At));
        var usage = new Queue<ScriptedUsage>(_request.Usage.OrderBy(u => u.At));
        var swept = _tracks.Where(t => t.Playbook.TriggerSettings is ISweptTrigger).ToList();
        var nextSweep = swept.Count > 0 ? Cron().NextFireAfter(_request.SweepCron, "UTC", _request.Start.AddTicks(-1)) : null;
        foreach (var track in _tracks)
        {
            if (track.Playbook.TriggerSettings is ScheduleTriggerSettings schedule)
                track.NextTick = Cron().NextFireAfter(schedule.Cron, schedule.TimeZone, _request.Start.AddTicks(-1));
        }
        // A manual playbook starts at the start when it is the one simulated; in a lifecycle run, only what starts it does.
        var first = _tracks[0];
        if (!_request.Deliver && first.Playbook.TriggerSettings is null or ManualTriggerSettings) Enrol(first, "manual", null);

        for (var bursts = 0; bursts < PlaybookSimulator.MaxBursts; bursts++)
        {
            var timer = NextTimer();
            var tick = _tracks.Where(t => t.NextTick is not null).MinBy(t => t.NextTick);
            var (at, kind) = (DateTimeOffset.MaxValue, Stimulus.Schedule);
            void Consider(DateTimeOffset? when, Stimulus stimulus)
            {
                if (when is not { } w) return;
                if (w < _now) w = _now;
                if (w < at || (w == at && stimulus < kind)) (at, kind) = (w, stimulus);
            }
            Consider(_deliveries.TryPeek(out _, out var d) ? d.Item1 : null, Stimulus.Delivery);
            Consider(timer.Bookmark?.DueAt, Stimulus.Timer);
            Consider(changes.TryPeek(out var change) ? change.At : null, Stimulus.Change);
            Consider(usage.TryPeek(out var fact) ? fact.At : null, Stimulus.Usage);
            Consider(_events.TryPeek(out _, out var e) ? e.Item1 : null, Stimulus.Event);
            Consider(nextSweep, Stimulus.Sweep);
            Consider(tick?.NextTick, Stimulus.Schedule);
            if (at == DateTimeOffset.MaxValue || at > _request.Until) break;
            _now = at;
            switch (kind)
            {
                case Stimulus.Delivery:
                    DeliverMessage(_deliveries.Dequeue());
                    break;
                case Stimulus.Timer:
                    var (instance, bookmark) = (timer.Instance!, timer.Bookmark!);
                    Record(instance, _interpreter.Resume(instance.Track.Playbook, ContextFor(instance), instance.State, bookmark.Id, new ResumeSignal.TimerFired(bookmark.DueAt!.Value)));
                    break;
                case Stimulus.Change:
                    ApplyChange(changes.Dequeue());
                    break;
                case Stimulus.Usage:
                    RecordUsage(usage.Dequeue());
                    break;
                case Stimulus.Event:
                    Deliver(_events.Dequeue());
                    break;
                case Stimulus.Sweep:
                    foreach (var track in swept) Sweep(track, (ISweptTrigger)track.Playbook.TriggerSettings!);
                    nextSweep = Cron().NextFireAfter(_request.SweepCron, "UTC", at);
                    break;
                case Stimulus.Schedule:
                    var settings = (ScheduleTriggerSettings)tick!.Playbook.TriggerSettings!;
                    if (settings.Occurrence(TriggerModel(), at) is { } occurrence) Enrol(tick, "schedule trigger", occurrence);
                    tick.NextTick = Cron().NextFireAfter(settings.Cron, settings.TimeZone, at);
                    break;
            }
        }

        var last = first.Instances.LastOrDefault();
        return new SimulationResult(last?.State.Status, _timeline, _captured)
        {
            WaitingAt = last is null ? [] : WaitingAt(last),
            Enrolments = _instances.Select(i => i.Enrolment with { Status = i.State.Status, WaitingAt = WaitingAt(i) }).ToList(),
            Account = _account,
        };
    }

    private (SimulatedInstance? Instance, Bookmark? Bookmark) NextTimer()
    {
        (SimulatedInstance? Instance, Bookmark? Bookmark) next = default;
        foreach (var instance in _instances)
        {
            if (instance.State.Status != InstanceStatus.Running) continue;
            foreach (var bookmark in instance.State.Bookmarks)
                if (bookmark.DueAt is { } due && (next.Bookmark is null || due < next.Bookmark.DueAt)) next = (instance, bookmark);
        }
        return next;
    }

    private ICronSchedule Cron() => _cron ?? throw new InvalidOperationException(
        $"simulating the '{_tracks.First(t => t.Playbook.TriggerSettings is not null and not ManualTriggerSettings and not EventTriggerSettings).Playbook.Definition.Trigger?.Type}' trigger needs cron arithmetic; construct the PlaybookSimulator with an ICronSchedule");

    private static List<string> WaitingAt(SimulatedInstance instance) => instance.State.Bookmarks.Select(b => b.StepId).ToList();

    private TemplateModel Model() => TemplateModel.ForAccount(_account);

    /// <summary>The model trigger checks read (conditions never write to it): rebuilt only after the account changed.</summary>
    private TemplateModel TriggerModel()
    {
        if (_triggerModel is not { } cached || cached.Version != _accountVersion) _triggerModel = cached = (_accountVersion, Model());
        return cached.Model;
    }

    private void AccountChanged() => _accountVersion++;

    private InstanceContext ContextFor(SimulatedInstance instance) =>
        _request.Context with { InstanceId = instance.Id, Now = _now, Model = Model(), Holdout = instance.Holdout };

    private void Add(TimelineEntry entry) => _timeline.Add(entry);

    private void Record(SimulatedInstance instance, BurstResult burst)
    {
        instance.State = burst.State;
        var playbook = instance.Track.Id;
        foreach (var j in burst.Journal) Add(new TimelineEntry(j.At, j.StepId, j.Kind, j.Summary, j.Detail) { Enrolment = instance.Number, Playbook = playbook });
        foreach (var message in burst.Outbox)
        {
            _captured.Add(message);
            Add(new TimelineEntry(_now, message.StepId, message.Kind, $"{message.Kind} (captured, not sent)", message.Payload) { Enrolment = instance.Number, Playbook = playbook });
            if (_request.Deliver) _deliveries.Enqueue(new PendingDelivery(instance, message), (_now, ++_sequence));
        }
        foreach (var change in burst.AccountChanges) change.ApplyTo(_account);
        if (burst.AccountChanges.Count > 0) AccountChanged();
    }

    private void Raise(ScriptedEvent e) => _events.Enqueue(e, (e.At, ++_sequence));

    /// <summary>The account document a context's model describes (its account, with contract, contacts, health and CSM beside it).</summary>
    private static JsonObject AccountFromModel(TemplateModel model)
    {
        var account = model.Get("account")?.DeepClone() as JsonObject ?? [];
        foreach (var root in (string[])["contract", "contacts", "health", "csm"])
            if (account[root] is null && model.Get(root) is { } value) account[root] = value.DeepClone();
        return account;
    }

    private LocalDate Today => Instant.FromDateTimeOffset(_now).InZone(_request.Context.Zone).Date;

    private DeliveryContext DeliveryContextFor(SimulatedInstance? instance) =>
        new(_request.Context.AccountId, instance?.Track.Id, instance?.Number, _account, _request.Context.Zone, _now);
}
