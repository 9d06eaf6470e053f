using CsPlaybooks.Engine.Runtime;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Steps.Flow;

public class WaitUntilStepTests
{
    private static string WaitUntil(string settings) => Playbook(
        $$"""{ "id": "until", "type": "waitUntil", {{settings}} }, { "id": "stop", "type": "end" }""",
        """{ "from": "until", "to": "stop" }""");

    [Fact]
    public void Execute_DateWithOffsetAndTime_DueAtThatLocalTimeInTheAccountZone()
    {
        var playbook = Compile(WaitUntil(""" "date": "contract.end", "offset": "-P4M", "time": "09:00" """));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 2, 1), "Europe/Berlin"));

        // 2027-01-01 − 4 months = 2026-09-01, 09:00 CEST = 07:00 UTC.
        Assert.Equal(Utc(2026, 9, 1, 7), SingleBookmark(burst).DueAt);
    }

    [Fact]
    public void Execute_TermPointExpression_DueAtTwoThirdsOfTheTerm()
    {
        var playbook = Compile(WaitUntil(""" "date": "contract.start | term_point: contract.end, 0.6667" """));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 2, 1)));

        Assert.Equal(Utc(2026, 9, 1), SingleBookmark(burst).DueAt);
    }

    [Fact]
    public void Execute_DateAlreadyPast_BookmarkDueInThePast()
    {
        var playbook = Compile(WaitUntil(""" "date": "contract.start" """));
        var now = Utc(2026, 6, 1, 12);

        var burst = Interpreter.Start(playbook, Context(now));

        var bookmark = SingleBookmark(burst);
        Assert.Equal(Utc(2026, 1, 1), bookmark.DueAt);
        Assert.True(bookmark.DueAt < now);
        Assert.Contains("already past", Assert.Single(Entries(burst, JournalKinds.StepWaiting)).Summary);
    }

    [Fact]
    public void Execute_UnparseableDate_FaultsTheInstanceAtTheStep()
    {
        var playbook = Compile(WaitUntil(""" "date": "account.name" """));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 2, 1)));

        Assert.Equal(InstanceStatus.Faulted, burst.State.Status);
        Assert.Equal("until", burst.State.FaultedStepId);
        Assert.Contains("gave \"Acme GmbH\", which is not a date", burst.State.FaultMessage);
        Assert.Equal("until", Assert.Single(Entries(burst, JournalKinds.Faulted)).StepId);
        Assert.Empty(burst.State.Bookmarks);
    }

    [Fact]
    public void Compile_BadTimeOfDay_ReportsTheTimeField()
    {
        var result = CompileResult(WaitUntil(""" "date": "contract.end", "time": "9am" """));

        AssertError(result, "until", "time", "'time' must be HH:mm");
    }

    [Fact]
    public void Resume_TimerFired_ContinuesWithTheNextStep()
    {
        var playbook = Compile(WaitUntil(""" "date": "contract.end" """));
        var started = Interpreter.Start(playbook, Context(Utc(2026, 2, 1)));

        var resumed = FireTimer(playbook, started.State);

        Assert.Equal(InstanceStatus.Completed, resumed.State.Status);
        Assert.Equal("stop", EndedAt(resumed));
    }
}
