using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Steps.Flow;

public class EndStepTests
{
    /// <summary>Two parallel paths: one waits for an event, the other waits a day and then ends the playbook.</summary>
    private static CompiledPlaybook RaceAgainstEnd() => Compile(Playbook(
        """
        { "id": "fork", "type": "setVariable", "variable": "forked", "value": "yes" },
        { "id": "listen", "type": "waitForEvent", "event": "account.opened" },
        { "id": "welcome", "type": "setVariable", "variable": "welcomed", "value": "yes" },
        { "id": "grace", "type": "wait", "duration": "P1D" },
        { "id": "stop", "type": "end", "reason": "grace period over" }
        """,
        """
        { "from": "fork", "to": "listen" },
        { "from": "fork", "to": "grace" },
        { "from": "listen", "outcome": "received", "to": "welcome" },
        { "from": "grace", "to": "stop" }
        """));

    [Fact]
    public void Execute_WithParallelWaitingPath_CompletesAndRemovesEveryBookmark()
    {
        var playbook = RaceAgainstEnd();
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));
        var listening = Assert.Single(started.State.Bookmarks, b => b.StepId == "listen");

        var ended = FireTimer(playbook, started.State);

        Assert.Equal(InstanceStatus.Completed, ended.State.Status);
        Assert.Empty(ended.State.Bookmarks);
        Assert.Empty(ended.State.Tokens);
        Assert.Contains(listening, ended.RemovedBookmarks);
        var completed = Assert.Single(Entries(ended, JournalKinds.Completed));
        Assert.Equal("stop", completed.StepId);
        Assert.Equal("grace period over", completed.Summary);
    }

    [Fact]
    public void Execute_CancelledPathsEventArrivesLater_DoesNothing()
    {
        var playbook = RaceAgainstEnd();
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));
        var listening = Assert.Single(started.State.Bookmarks, b => b.StepId == "listen");
        var ended = FireTimer(playbook, started.State);

        var late = Interpreter.Resume(playbook, Context(Utc(2026, 1, 3)), ended.State, listening.Id,
            new ResumeSignal.EventReceived("evt-9", "account.opened", null));

        Assert.False(late.Changed);
        Assert.False(late.State.Variables.ContainsKey("welcomed"));
    }
}
