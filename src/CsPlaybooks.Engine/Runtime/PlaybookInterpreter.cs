using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Engine.Runtime;

/// <summary>
/// Runs an instance in bursts: from a start or a resumed bookmark until every path waits or ends.
/// Deterministic: it reads time, ids and data only from its inputs, so the host, replay and simulation
/// all run this same code. It never mutates the state it is given.
/// </summary>
public sealed class PlaybookInterpreter
{
    /// <summary>A burst that runs more steps than this is stopped and faulted: a loop without a waiting step.</summary>
    public const int MaxStepsPerBurst = 1_000;
    /// <summary>Timers resumed later than this after their due time are journaled as late.</summary>
    public static readonly TimeSpan LateThreshold = TimeSpan.FromSeconds(30);

    public BurstResult Start(CompiledPlaybook playbook, InstanceContext context, JsonObject? input = null)
    {
        var state = new InstanceState { Variables = (JsonObject)playbook.Definition.Variables.DeepClone() };
        if (input is not null)
            foreach (var (k, v) in input) state.Variables[k] = v?.DeepClone();
        var burst = new Burst(playbook, context, state);
        burst.Log(null, JournalKinds.Started, $"started {playbook.Definition.Name} v{playbook.Definition.Version} for account {context.AccountId}"
            + (context.Holdout ? " (holdout: no touches are sent)" : ""));
        burst.AddToken(playbook.Start.Id);
        return burst.Run();
    }

    public BurstResult Resume(CompiledPlaybook playbook, InstanceContext context, InstanceState current, string bookmarkId, ResumeSignal signal)
    {
        var bookmark = current.Bookmarks.FirstOrDefault(b => b.Id == bookmarkId);
        if (current.Status != InstanceStatus.Running || bookmark is null) return Unchanged(current);

        var state = current.Clone();
        // The clone's own bookmark: records holding JsonObject data are not equal across a clone, so removing `bookmark` would miss.
        bookmark = state.Bookmarks.First(b => b.Id == bookmarkId);
        var burst = new Burst(playbook, context, state);
        if (signal is ResumeSignal.EventReceived e)
            context.Model.Set("event", new JsonObject { ["id"] = e.EventId, ["name"] = e.Name, ["data"] = e.Data?.DeepClone() });
        var step = playbook.Steps[bookmark.StepId];
        var stepContext = burst.ContextFor(step, bookmark.TokenId);
        var result = step.Type.Resume(stepContext, bookmark, signal);
        if (result is StepResult.Ignore) return Unchanged(current);

        burst.RemoveBookmark(bookmark);
        burst.Log(step.Id, JournalKinds.StepResumed, DescribeResume(signal, context.Now, out var detail), detail);
        burst.Apply(step, bookmark.TokenId, result);
        return burst.Run();
    }

    /// <summary>Runs a faulted instance again from the step that failed.</summary>
    public BurstResult Retry(CompiledPlaybook playbook, InstanceContext context, InstanceState current)
    {
        if (current.Status != InstanceStatus.Faulted) return Unchanged(current);
        var state = current.Clone();
        var burst = new Burst(playbook, context, state);
        burst.Log(state.FaultedStepId, JournalKinds.Retried, $"retrying from '{state.FaultedStepId}'");
        state.Status = InstanceStatus.Running;
        state.FaultedStepId = null;
        state.FaultMessage = null;
        return burst.Run();
    }

    public BurstResult Cancel(CompiledPlaybook playbook, InstanceContext context, InstanceState current, string reason)
    {
        if (current.Status is InstanceStatus.Completed or InstanceStatus.Cancelled) return Unchanged(current);
        var burst = new Burst(playbook, context, current.Clone());
        burst.Finish(InstanceStatus.Cancelled, JournalKinds.Cancelled, null, reason);
        return burst.Result();
    }

    private static BurstResult Unchanged(InstanceState state) => new(state, [], [], [], []) { Changed = false };

    private static string DescribeResume(ResumeSignal signal, DateTimeOffset now, out JsonObject? detail)
    {
        detail = null;
        switch (signal)
        {
            case ResumeSignal.TimerFired t:
                var lateBy = now - t.DueAt;
                detail = new JsonObject { ["dueAt"] = t.DueAt, ["lateBySeconds"] = Math.Max(0, Math.Round(lateBy.TotalSeconds, 3)) };
                if (lateBy <= LateThreshold) return "timer fired";
                detail["late"] = true;
                return $"timer fired late by {Humanize(lateBy)} (due {t.DueAt:yyyy-MM-dd HH:mm} UTC: the host was down or the date had already passed)";
            case ResumeSignal.EventReceived e:
                detail = new JsonObject { ["eventId"] = e.EventId, ["event"] = e.Name };
                return $"event {e.Name} received";
            case ResumeSignal.External x:
                detail = x.Data?.DeepClone().AsObject();
                return $"resumed: {x.Outcome}";
            default:
                return "resumed";
        }
    }

    private static string Humanize(TimeSpan span) =>
        span.TotalDays >= 1 ? $"{(int)span.TotalDays}d {span.Hours}h" : span.TotalHours >= 1 ? $"{(int)span.TotalHours}h {span.Minutes}m" : $"{(int)span.TotalMinutes}m {span.Seconds}s";

    /// <summary>One burst's working set.</summary>
    private sealed class Burst
    {
        private readonly CompiledPlaybook _playbook;
        private readonly InstanceContext _context;
        private readonly InstanceState _state;
        private readonly List<JournalEntry> _journal = [];
        private readonly List<OutboxMessage> _outbox = [];
        private readonly List<AccountChange> _accountChanges = [];
        private readonly List<Bookmark> _added = [];
        private readonly List<Bookmark> _removed = [];
        private readonly Queue<Token> _ready = new();

        public Burst(CompiledPlaybook playbook, InstanceContext context, InstanceState state)
        {
            _playbook = playbook;
            _context = context;
            _state = state;
            context.Model.Set("variables", state.Variables);
            context.Model.Set("playbook", new JsonObject
            {
                ["id"] = playbook.Definition.Id, ["name"] = playbook.Definition.Name, ["version"] = playbook.Definition.Version,
            });
            var waiting = state.Bookmarks.Select(b => b.TokenId).ToHashSet();
            foreach (var token in state.Tokens.Where(t => !waiting.Contains(t.Id))) _ready.Enqueue(token);
        }

        public void Log(string? stepId, string kind, string summary, JsonObject? detail = null) =>
            _journal.Add(new JournalEntry(_context.Now, stepId, kind, summary, detail));

        public StepContext ContextFor(CompiledStep step, string tokenId) =>
            new(_context, step.Definition, step.Settings, _state, tokenId, _outbox, _accountChanges);

        public void AddToken(string stepId)
        {
            var token = new Token(_state.NextId(), stepId);
            _state.Tokens.Add(token);
            _ready.Enqueue(token);
        }

        public void RemoveBookmark(Bookmark bookmark)
        {
            _state.Bookmarks.Remove(bookmark);
            if (!_added.Remove(bookmark)) _removed.Add(bookmark);
        }

        public BurstResult Run()
        {
            var executed = 0;
            while (_state.Status == InstanceStatus.Running && _ready.TryDequeue(out var token))
            {
                var step = _playbook.Steps[token.StepId];
                if (++executed > MaxStepsPerBurst)
                {
                    Apply(step, token.Id, new StepResult.Fault($"more than {MaxStepsPerBurst} steps ran without waiting; check the loop through '{step.Id}'"));
                    break;
                }
                StepResult result;
                try
                {
                    result = step.Type.Execute(ContextFor(step, token.Id));
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    result = new StepResult.Fault($"{step.Type.Type} failed: {e.Message}");
                }
                Apply(step, token.Id, result);
            }
            if (_state.Status == InstanceStatus.Running && _state.Tokens.Count == 0)
                Finish(InstanceStatus.Completed, JournalKinds.Completed, null, "all paths finished");
            return Result();
        }

        public void Apply(CompiledStep step, string tokenId, StepResult result)
        {
            switch (result)
            {
                case StepResult.Next next:
                    Log(step.Id, JournalKinds.StepCompleted, next.Summary, new JsonObject { ["type"] = step.Type.Type, ["outcome"] = next.Outcome });
                    _state.CompletedSteps.Add(step.Id);
                    _state.Tokens.RemoveAll(t => t.Id == tokenId);
                    var connections = _playbook.Outgoing(step.Id, next.Outcome);
                    if (connections.Count == 0 && _state.Tokens.Count > 0)
                        Log(step.Id, JournalKinds.PathEnded, $"this path ends after '{step.Id}' ({next.Outcome}); other paths continue");
                    foreach (var connection in connections) Arrive(connection);
                    break;
                case StepResult.Wait wait:
                    var bookmark = new Bookmark(_state.NextId(), tokenId, step.Id)
                    {
                        EventName = wait.Bookmark.EventName, DueAt = wait.Bookmark.DueAt, Data = wait.Bookmark.Data,
                    };
                    _state.Bookmarks.Add(bookmark);
                    _added.Add(bookmark);
                    Log(step.Id, JournalKinds.StepWaiting, wait.Summary, new JsonObject
                    {
                        ["type"] = step.Type.Type, ["event"] = bookmark.EventName, ["dueAt"] = bookmark.DueAt,
                    });
                    break;
                case StepResult.EndInstance end:
                    _state.CompletedSteps.Add(step.Id);
                    Finish(InstanceStatus.Completed, JournalKinds.Completed, step.Id, end.Summary);
                    break;
                case StepResult.Fault fault:
                    _state.Status = InstanceStatus.Faulted;
                    _state.FaultedStepId = step.Id;
                    _state.FaultMessage = fault.Message;
                    Log(step.Id, JournalKinds.Faulted, fault.Message, new JsonObject { ["type"] = step.Type.Type });
                    break;
                case StepResult.Ignore:
                    throw new InvalidOperationException($"'{step.Type.Type}' returned Ignore outside a resume");
            }
        }

        public void Finish(InstanceStatus status, string kind, string? stepId, string summary)
        {
            foreach (var bookmark in _state.Bookmarks.ToList()) RemoveBookmark(bookmark);
            _state.Tokens.Clear();
            _state.JoinArrivals.Clear();
            _ready.Clear();
            _state.Status = status;
            Log(stepId, kind, summary);
        }

        public BurstResult Result()
        {
            if (!_context.Holdout) return new(_state, _journal, _outbox, _added, _removed) { AccountChanges = _accountChanges };
            var suppressed = _outbox.Where(m => m.Kind != OutboxKinds.StartPlaybook).ToList();
            foreach (var m in suppressed) Log(m.StepId, JournalKinds.Message, $"holdout: {m.Kind} not sent");
            return new(_state, _journal, _outbox.Except(suppressed).ToList(), _added, _removed) { AccountChanges = _accountChanges };
        }

        private void Arrive(ConnectionDefinition connection)
        {
            var target = _playbook.Steps[connection.To];
            if (target.Definition.Join != JoinMode.All)
            {
                AddToken(target.Id);
                return;
            }
            var arrivals = _state.JoinArrivals.TryGetValue(target.Id, out var list) ? list : _state.JoinArrivals[target.Id] = [];
            var key = $"{connection.From}:{connection.OutcomeOrDefault}";
            if (!arrivals.Contains(key)) arrivals.Add(key);
            var expected = _playbook.InboundCount(target.Id);
            if (arrivals.Count < expected)
            {
                Log(target.Id, JournalKinds.Message, $"join '{target.Id}': {arrivals.Count} of {expected} paths arrived");
                return;
            }
            _state.JoinArrivals.Remove(target.Id);
            AddToken(target.Id);
        }
    }
}
