using CsPlaybooks.Engine.Runtime;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Steps.Flow;

public class WaitStepTests
{
    private static readonly string WaitThenEnd = Playbook(
        """{ "id": "pause", "type": "wait", "duration": "P1D" }, { "id": "stop", "type": "end" }""",
        """{ "from": "pause", "to": "stop" }""");

    [Fact]
    public void Execute_InBerlinAcrossDst_DueAtSameWallClockTimeNextDay()
    {
        var playbook = Compile(WaitThenEnd);

        // 2026-03-28 09:00 CET; the clocks spring forward that night.
        var burst = Interpreter.Start(playbook, Context(Utc(2026, 3, 28, 8), "Europe/Berlin"));

        var bookmark = SingleBookmark(burst);
        Assert.Equal("pause", bookmark.StepId);
        Assert.Null(bookmark.EventName);
        Assert.Equal(Utc(2026, 3, 29, 7), bookmark.DueAt); // 09:00 CEST
        Assert.Equal(InstanceStatus.Running, burst.State.Status);
        Assert.Equal([bookmark], burst.AddedBookmarks);
    }

    [Fact]
    public void Execute_OneMonthFromJanuary31_DueOnFebruary28()
    {
        var playbook = Compile(Playbook("""{ "id": "pause", "type": "wait", "duration": "P1M" }"""));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 1, 31, 9)));

        Assert.Equal(Utc(2026, 2, 28, 9), SingleBookmark(burst).DueAt);
    }

    [Fact]
    public void Resume_TimerFired_ContinuesWithTheNextStep()
    {
        var playbook = Compile(WaitThenEnd);
        var started = Interpreter.Start(playbook, Context(Utc(2026, 3, 28, 8), "Europe/Berlin"));

        var resumed = FireTimer(playbook, started.State, "Europe/Berlin");

        Assert.Equal(InstanceStatus.Completed, resumed.State.Status);
        Assert.Equal(["pause"], CompletedStepIds(resumed));
        Assert.Equal("stop", EndedAt(resumed));
        Assert.Empty(resumed.State.Bookmarks);
    }
}
