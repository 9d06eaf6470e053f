using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Triggers;
using NodaTime;

namespace CsPlaybooks.Engine.Simulation;

/// <summary>One simulation: the account document, the instances the trigger started, and the scripted stimuli, in time order.</summary>
internal sealed partial class SimulationRun
{
    private sealed class Instance(int number, Guid id, bool holdout, SimulatedEnrolment enrolment)
    {
        public int Number { get; } = number;
        public Guid Id { get; } = id;
        public bool Holdout { get; } = holdout;
        public SimulatedEnrolment Enrolment { get; } = enrolment;
        public InstanceState State { get; set; } = new();
    }

    /// <summary>What happens next; at one instant the lower kind goes first.</summary>
    private enum Stimulus { Timer, Change, Event, Sweep, Schedule }

    private readonly PlaybookInterpreter _interpreter;
    private readonly ICronSchedule? _cron;
    private readonly SimulationRequest _request;
    private readonly JsonObject _account;
    private readonly List<Instance> _instances = [];
    private readonly List<TimelineEntry> _timeline = [];
    private readonly List<OutboxMessage> _captured = [];
    private readonly HashSet<string> _occurrences = [];
    private readonly HashSet<string> _skipped = [];
    private bool _inSegment;
    private DateTimeOffset _now;
    private int _eventSequence;

    public SimulationRun(PlaybookInterpreter interpreter, ICronSchedule? cron, SimulationRequest request)
    {
        _interpreter = interpreter;
        _cron = cron;
        _request = request;
        _account = request.Account?.DeepClone().AsObject() ?? AccountFromModel(request.Context.Model);
        _now = request.Start;
    }

    private string PlaybookId => _request.Playbook.Definition.Id;

    public SimulationResult Run()
    {
        var trigger = _request.Playbook.TriggerSettings;
        var changes = new Queue<ScriptedChange>(_request.Changes.OrderBy(c => c.At));
        var events = new Queue<ScriptedEvent>(_request.Events.OrderBy(e => e.At));
        var nextSweep = trigger is ISweptTrigger ? Cron().NextFireAfter(_request.SweepCron, "UTC", _request.Start.AddTicks(-1)) : null;
        var schedule = trigger as ScheduleTriggerSettings;
        var nextTick = schedule is not null ? Cron().NextFireAfter(schedule.Cron, schedule.TimeZone, _request.Start.AddTicks(-1)) : null;
        if (trigger is null or ManualTriggerSettings) Enrol("manual", null);

        for (var bursts = 0; bursts < PlaybookSimulator.MaxBursts; bursts++)
        {
            var timer = _instances.Where(i => i.State.Status == InstanceStatus.Running)
                .SelectMany(i => i.State.Bookmarks.Where(b => b.DueAt is not null).Select(b => (Instance: i, Bookmark: b)))
                .DefaultIfEmpty().MinBy(t => t.Bookmark?.DueAt);
            var candidates = new List<(DateTimeOffset At, Stimulus Kind)>();
            if (timer.Bookmark is not null) candidates.Add((timer.Bookmark.DueAt!.Value, Stimulus.Timer));
            if (changes.TryPeek(out var change)) candidates.Add((change.At, Stimulus.Change));
            if (events.TryPeek(out var scripted)) candidates.Add((scripted.At, Stimulus.Event));
            if (nextSweep is { } sweepAt) candidates.Add((sweepAt, Stimulus.Sweep));
            if (nextTick is { } tickAt) candidates.Add((tickAt, Stimulus.Schedule));
            if (candidates.Count == 0) break;
            var (at, kind) = candidates.Select(c => (At: c.At < _now ? _now : c.At, c.Kind)).OrderBy(c => c.At).ThenBy(c => c.Kind).First();
            if (at > _request.Until) break;
            _now = at;
            switch (kind)
            {
                case Stimulus.Timer:
                    var (instance, bookmark) = (timer.Instance!, timer.Bookmark!);
                    Record(instance, _interpreter.Resume(_request.Playbook, ContextFor(instance), instance.State, bookmark.Id, new ResumeSignal.TimerFired(bookmark.DueAt!.Value)));
                    break;
                case Stimulus.Change:
                    ApplyChange(changes.Dequeue());
                    break;
                case Stimulus.Event:
                    Deliver(events.Dequeue());
                    break;
                case Stimulus.Sweep:
                    Sweep((ISweptTrigger)trigger!);
                    nextSweep = Cron().NextFireAfter(_request.SweepCron, "UTC", at);
                    break;
                case Stimulus.Schedule:
                    if (schedule!.Occurrence(Model(), at) is { } occurrence) Enrol("schedule trigger", occurrence);
                    nextTick = Cron().NextFireAfter(schedule.Cron, schedule.TimeZone, at);
                    break;
            }
        }

        var last = _instances.LastOrDefault();
        return new SimulationResult(last?.State.Status, _timeline, _captured)
        {
            WaitingAt = last is null ? [] : WaitingAt(last),
            Enrolments = _instances.Select(i => i.Enrolment with { Status = i.State.Status, WaitingAt = WaitingAt(i) }).ToList(),
            Account = _account,
        };
    }

    private ICronSchedule Cron() => _cron ?? throw new InvalidOperationException(
        $"simulating the '{_request.Playbook.Definition.Trigger?.Type}' trigger needs cron arithmetic; construct the PlaybookSimulator with an ICronSchedule");

    private static List<string> WaitingAt(Instance instance) => instance.State.Bookmarks.Select(b => b.StepId).ToList();

    private TemplateModel Model() => TemplateModel.ForAccount(_account);

    private InstanceContext ContextFor(Instance instance) =>
        _request.Context with { InstanceId = instance.Id, Now = _now, Model = Model(), Holdout = instance.Holdout };

    private void Record(Instance instance, BurstResult burst)
    {
        instance.State = burst.State;
        _timeline.AddRange(burst.Journal.Select(j => new TimelineEntry(j.At, j.StepId, j.Kind, j.Summary, j.Detail) { Enrolment = instance.Number }));
        foreach (var message in burst.Outbox)
        {
            _captured.Add(message);
            _timeline.Add(new TimelineEntry(_now, message.StepId, message.Kind, $"{message.Kind} (captured, not sent)", message.Payload) { Enrolment = instance.Number });
        }
        foreach (var change in burst.AccountChanges) change.ApplyTo(_account);
    }

    /// <summary>The account document a context's model describes (its account, with contract, contacts, health and CSM beside it).</summary>
    private static JsonObject AccountFromModel(TemplateModel model)
    {
        var account = model.Get("account")?.DeepClone() as JsonObject ?? [];
        foreach (var root in (string[])["contract", "contacts", "health", "csm"])
            if (account[root] is null && model.Get(root) is { } value) account[root] = value.DeepClone();
        return account;
    }

    private LocalDate Today => Instant.FromDateTimeOffset(_now).InZone(_request.Context.Zone).Date;

    private ReentryRule Reentry => _request.Playbook.Definition.Enrolment.Reentry;
}
