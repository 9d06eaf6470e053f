using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Engine.Simulation;

public sealed record ScriptedEvent(DateTimeOffset At, string Name, JsonObject? Data = null);

public sealed record SimulationRequest(
    CompiledPlaybook Playbook,
    InstanceContext Context,
    DateTimeOffset Start,
    DateTimeOffset Until,
    IReadOnlyList<ScriptedEvent> Events);

public sealed record TimelineEntry(DateTimeOffset At, string? StepId, string Type, string Summary, JsonObject? Detail);

public sealed record SimulationResult(InstanceStatus Status, IReadOnlyList<TimelineEntry> Timeline, IReadOnlyList<OutboxMessage> Captured)
{
    /// <summary>Where the instance is waiting when the simulation stops.</summary>
    public IReadOnlyList<string> WaitingAt { get; init; } = [];
}

/// <summary>
/// Runs a playbook for one account on a virtual clock through the real interpreter. Outbound messages are
/// captured into the timeline instead of sent; nothing is stored. Timers fire at their due time; scripted
/// events arrive at theirs (a timer due at the same instant fires first).
/// </summary>
public sealed class PlaybookSimulator(PlaybookInterpreter interpreter)
{
    public const int MaxBursts = 100_000;

    public SimulationResult Run(SimulationRequest request)
    {
        var timeline = new List<TimelineEntry>();
        var captured = new List<OutboxMessage>();
        var events = new Queue<ScriptedEvent>(request.Events.OrderBy(e => e.At));
        var now = request.Start;
        var eventSequence = 0;

        void Record(BurstResult burst)
        {
            timeline.AddRange(burst.Journal.Select(j => new TimelineEntry(j.At, j.StepId, j.Kind, j.Summary, j.Detail)));
            foreach (var message in burst.Outbox)
            {
                captured.Add(message);
                timeline.Add(new TimelineEntry(now, message.StepId, message.Kind, $"{message.Kind} (captured, not sent)", message.Payload));
            }
        }

        var result = interpreter.Start(request.Playbook, request.Context with { Now = now });
        Record(result);
        var state = result.State;
        for (var bursts = 0; state.Status == InstanceStatus.Running && bursts < MaxBursts; bursts++)
        {
            var timer = state.Bookmarks.Where(b => b.DueAt is not null).MinBy(b => b.DueAt);
            events.TryPeek(out var next);
            var timerAt = timer?.DueAt is { } due ? (due < now ? now : due) : (DateTimeOffset?)null;
            if (timerAt is { } t && (next is null || t <= next.At))
            {
                if (t > request.Until) break;
                now = t;
                result = interpreter.Resume(request.Playbook, request.Context with { Now = now }, state, timer!.Id, new ResumeSignal.TimerFired(timer.DueAt!.Value));
            }
            else if (next is not null)
            {
                if (next.At > request.Until) break;
                events.Dequeue();
                now = next.At < now ? now : next.At;
                var eventId = $"sim-{++eventSequence}";
                var waiting = state.Bookmarks.Where(b => b.EventName == next.Name).ToList();
                if (waiting.Count == 0)
                {
                    timeline.Add(new TimelineEntry(now, null, "event.ignored", $"{next.Name} arrived; nothing was waiting for it", next.Data));
                    continue;
                }
                foreach (var bookmark in waiting)
                {
                    result = interpreter.Resume(request.Playbook, request.Context with { Now = now }, state, bookmark.Id,
                        new ResumeSignal.EventReceived(eventId, next.Name, next.Data));
                    Record(result);
                    state = result.State;
                }
                continue;
            }
            else break;
            Record(result);
            state = result.State;
        }
        return new SimulationResult(state.Status, timeline, captured)
        {
            WaitingAt = state.Bookmarks.Select(b => b.StepId).ToList(),
        };
    }
}
