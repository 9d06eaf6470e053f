using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Runtime;

/// <summary>Resume is exactly-once, pure (the input state is never changed), journals late timers and is deterministic.</summary>
public class ResumeTests
{
    private static CompiledPlaybook WaitThenMark() => Compile(Playbook(
        """
        { "id": "pause", "type": "wait", "duration": "P1D" },
        { "id": "mark", "type": "setVariable", "variable": "done", "value": "yes" }
        """,
        """{ "from": "pause", "to": "mark" }"""));

    [Fact]
    public void Resume_AlreadyConsumedBookmark_IsANoOp()
    {
        var playbook = WaitThenMark();
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));
        var bookmark = SingleBookmark(started);
        var fired = FireTimer(playbook, started.State);

        var again = Interpreter.Resume(playbook, Context(Utc(2026, 1, 2, 0, 5)), fired.State, bookmark.Id, new ResumeSignal.TimerFired(bookmark.DueAt!.Value));

        Assert.True(fired.Changed);
        Assert.False(again.Changed);
        Assert.Same(fired.State, again.State);
        Assert.Empty(again.Journal);
        Assert.Empty(again.Outbox);
    }

    [Fact]
    public void Resume_UnknownBookmarkId_IsANoOp()
    {
        var playbook = WaitThenMark();
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        var result = Interpreter.Resume(playbook, Context(Utc(2026, 1, 2)), started.State, "no-such-bookmark", new ResumeSignal.TimerFired(Utc(2026, 1, 2)));

        Assert.False(result.Changed);
    }

    [Fact]
    public void Resume_NeverMutatesTheInputState()
    {
        var playbook = WaitThenMark();
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));
        var before = started.State.Serialize();

        var fired = FireTimer(playbook, started.State);

        Assert.Equal(InstanceStatus.Completed, fired.State.Status);
        Assert.NotSame(started.State, fired.State);
        Assert.Equal(before, started.State.Serialize());
        Assert.Single(started.State.Bookmarks);
        Assert.False(started.State.Variables.ContainsKey("done"));
    }

    [Fact]
    public void Resume_TimerMoreThan30SecondsLate_JournalSaysLate()
    {
        var playbook = WaitThenMark();
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        var fired = FireTimerAt(playbook, started.State, "pause", Utc(2026, 1, 2, 0, 0, 31));

        var resumed = Assert.Single(Entries(fired, JournalKinds.StepResumed));
        Assert.Contains("late", resumed.Summary);
        Assert.True(resumed.Detail!["late"]!.GetValue<bool>());
        Assert.Equal(31, resumed.Detail["lateBySeconds"]!.GetValue<double>());
    }

    [Fact]
    public void Resume_TimerWithin30Seconds_JournalDoesNotSayLate()
    {
        var playbook = WaitThenMark();
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        var fired = FireTimerAt(playbook, started.State, "pause", Utc(2026, 1, 2, 0, 0, 30));

        var resumed = Assert.Single(Entries(fired, JournalKinds.StepResumed));
        Assert.Equal("timer fired", resumed.Summary);
        Assert.Null(resumed.Detail!["late"]);
    }

    [Fact]
    public void Start_SameInputsTwice_SameIdsAndDedupKeys()
    {
        var playbook = Compile(Playbook(
            """
            { "id": "fork", "type": "startPlaybook", "playbook": "onboarding" },
            { "id": "a", "type": "wait", "duration": "P1D" },
            { "id": "b", "type": "waitForEvent", "event": "account.opened" }
            """,
            """{ "from": "fork", "to": "a" }, { "from": "fork", "to": "b" }"""));

        var first = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));
        var second = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        Assert.Equal(first.State.Bookmarks.Select(b => b.Id), second.State.Bookmarks.Select(b => b.Id));
        Assert.Equal(first.State.Tokens, second.State.Tokens);
        Assert.Equal(first.Outbox.Select(m => m.DedupKey), second.Outbox.Select(m => m.DedupKey));
        Assert.Equal(first.State.Serialize(), second.State.Serialize());
    }

    [Fact]
    public void Resume_BookmarkCarryingData_IsConsumedExactlyOnce()
    {
        var registry = StepRegistry.CreateDefault().Add(new AwaitTaskStep());
        var playbook = Compile(Playbook(
            """
            { "id": "fork", "type": "setVariable", "variable": "forked", "value": "1" },
            { "id": "task", "type": "awaitTask" },
            { "id": "count", "type": "setVariable", "variable": "completions", "value": "{{ variables.completions | plus: 1 }}" },
            { "id": "other", "type": "wait", "duration": "P7D" }
            """,
            """{ "from": "fork", "to": "task" }, { "from": "fork", "to": "other" }, { "from": "task", "to": "count" }""",
            """ "variables": { "completions": 0 } """), registry);
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));
        var task = Assert.Single(started.State.Bookmarks, b => b.StepId == "task");
        var signal = new ResumeSignal.External("completed", null);

        var first = Interpreter.Resume(playbook, Context(Utc(2026, 1, 2)), started.State, task.Id, signal);
        var second = Interpreter.Resume(playbook, Context(Utc(2026, 1, 3)), first.State, task.Id, signal);

        Assert.DoesNotContain(first.State.Bookmarks, b => b.Id == task.Id);
        Assert.Equal([task.Id], first.RemovedBookmarks.Select(b => b.Id));
        Assert.False(second.Changed);
        Assert.Equal("1", second.State.Variables["completions"]!.ToJsonString());
    }

    /// <summary>A waiting step whose bookmark carries data, like a task step remembering its task id.</summary>
    private sealed class AwaitTaskStep : StepType
    {
        public override string Type => "awaitTask";
        public override StepCategory Category => StepCategory.Tasks;
        public override string Description => "Test step: waits with bookmark data.";
        public override bool CanWait => true;
        public override JsonObject SettingsSchema => SchemaBuilder.Object([]);
        public override object? Compile(SettingsReader reader) => new object();

        public override StepResult Execute(StepContext context) =>
            new StepResult.Wait(new BookmarkRequest("task.completed", null, new JsonObject { ["taskId"] = "task-1" }), "waiting for task-1");
    }
}
