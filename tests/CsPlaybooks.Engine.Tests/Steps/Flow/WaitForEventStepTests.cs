using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Steps.Flow;

public class WaitForEventStepTests
{
    private static CompiledPlaybook WaitForOpened(string when = "") => Compile(Playbook(
        $$"""
        { "id": "opened", "type": "waitForEvent", "event": "account.opened", "timeout": "P7D" {{(when.Length > 0 ? ", \"when\": " + when : "")}} },
        { "id": "welcome", "type": "end", "reason": "received" },
        { "id": "escalate", "type": "end", "reason": "timed out" }
        """,
        """
        { "from": "opened", "outcome": "received", "to": "welcome" },
        { "from": "opened", "outcome": "timeout", "to": "escalate" }
        """));

    [Fact]
    public void Execute_WithTimeout_WaitsForTheEventUntilTheTimeout()
    {
        var burst = Interpreter.Start(WaitForOpened(), Context(Utc(2026, 1, 10, 9)));

        var bookmark = SingleBookmark(burst);
        Assert.Equal("account.opened", bookmark.EventName);
        Assert.Equal(Utc(2026, 1, 17, 9), bookmark.DueAt);
    }

    [Fact]
    public void Resume_EventReceived_LeavesByReceived()
    {
        var playbook = WaitForOpened();
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 10, 9)));

        var resumed = SendEvent(playbook, started.State, Utc(2026, 1, 12), "account.opened");

        Assert.Equal("welcome", EndedAt(resumed));
        Assert.Equal("received", Assert.Single(Entries(resumed, JournalKinds.StepCompleted)).Detail!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public void Resume_TimerFired_LeavesByTimeout()
    {
        var playbook = WaitForOpened();
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 10, 9)));

        var resumed = FireTimer(playbook, started.State);

        Assert.Equal("escalate", EndedAt(resumed));
        Assert.Equal("timeout", Assert.Single(Entries(resumed, JournalKinds.StepCompleted)).Detail!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public void Resume_EventFailingTheWhenFilter_ReturnsUnchangedAndKeepsTheBookmark()
    {
        var playbook = WaitForOpened("""  "event.data.module == 'crm'" """);
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 10, 9)));
        var bookmark = SingleBookmark(started);

        var resumed = SendEvent(playbook, started.State, Utc(2026, 1, 12), "account.opened", new JsonObject { ["module"] = "billing" });

        Assert.False(resumed.Changed);
        Assert.Same(started.State, resumed.State);
        Assert.Equal([bookmark], resumed.State.Bookmarks);
        Assert.Empty(resumed.Journal);
    }

    [Fact]
    public void Resume_EventPassingTheWhenFilter_LeavesByReceived()
    {
        var playbook = WaitForOpened("""  "event.data.module == 'crm'" """);
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 10, 9)));

        var resumed = SendEvent(playbook, started.State, Utc(2026, 1, 12), "account.opened", new JsonObject { ["module"] = "crm" });

        Assert.True(resumed.Changed);
        Assert.Equal("welcome", EndedAt(resumed));
    }
}
