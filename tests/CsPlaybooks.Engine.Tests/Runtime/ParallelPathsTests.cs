using CsPlaybooks.Engine.Runtime;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Runtime;

/// <summary>Forks (one outcome, several connections), joins "any" and "all", and completion once every path ends.</summary>
public class ParallelPathsTests
{
    [Fact]
    public void Start_OneOutcomeToTwoSteps_RunsBothPaths()
    {
        var playbook = Compile(Playbook(
            """
            { "id": "fork", "type": "setVariable", "variable": "forked", "value": "1" },
            { "id": "left", "type": "setVariable", "variable": "left", "value": "1" },
            { "id": "right", "type": "setVariable", "variable": "right", "value": "1" }
            """,
            """{ "from": "fork", "to": "left" }, { "from": "fork", "to": "right" }"""));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        Assert.Equal(["fork", "left", "right"], CompletedStepIds(burst));
        Assert.Equal(InstanceStatus.Completed, burst.State.Status);
    }

    [Fact]
    public void Resume_JoinAll_RunsOnceAfterBothPathsArrive()
    {
        var playbook = Compile(Playbook(
            """
            { "id": "fork", "type": "setVariable", "variable": "forked", "value": "1" },
            { "id": "short", "type": "wait", "duration": "P1D" },
            { "id": "long", "type": "wait", "duration": "P2D" },
            { "id": "gather", "type": "setVariable", "variable": "gathered", "value": "{{ variables.gathered | plus: 1 }}", "join": "all" }
            """,
            """
            { "from": "fork", "to": "short" }, { "from": "fork", "to": "long" },
            { "from": "short", "to": "gather" }, { "from": "long", "to": "gather" }
            """,
            """ "variables": { "gathered": 0 } """));
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        var first = FireTimerAt(playbook, started.State, "short");
        var second = FireTimerAt(playbook, first.State, "long");

        Assert.DoesNotContain("gather", CompletedStepIds(first));
        Assert.Contains(first.Journal, j => j.StepId == "gather" && j.Summary.Contains("1 of 2 paths arrived"));
        Assert.Equal(InstanceStatus.Running, first.State.Status);
        Assert.Equal(["long", "gather"], CompletedStepIds(second));
        Assert.Equal("1", second.State.Variables["gathered"]!.ToJsonString());
        Assert.Equal(InstanceStatus.Completed, second.State.Status);
    }

    [Fact]
    public void Start_JoinAny_RunsOncePerArrivingPath()
    {
        var playbook = Compile(Playbook(
            """
            { "id": "fork", "type": "setVariable", "variable": "forked", "value": "1" },
            { "id": "left", "type": "setVariable", "variable": "left", "value": "1" },
            { "id": "right", "type": "setVariable", "variable": "right", "value": "1" },
            { "id": "gather", "type": "setVariable", "variable": "gathered", "value": "{{ variables.gathered | plus: 1 }}" }
            """,
            """
            { "from": "fork", "to": "left" }, { "from": "fork", "to": "right" },
            { "from": "left", "to": "gather" }, { "from": "right", "to": "gather" }
            """,
            """ "variables": { "gathered": 0 } """));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        Assert.Equal(2, CompletedStepIds(burst).Count(id => id == "gather"));
        Assert.Equal("2", burst.State.Variables["gathered"]!.ToJsonString());
    }

    [Fact]
    public void Resume_LastPathEnds_CompletesTheInstance()
    {
        var playbook = Compile(Playbook(
            """
            { "id": "fork", "type": "setVariable", "variable": "forked", "value": "1" },
            { "id": "quick", "type": "setVariable", "variable": "quick", "value": "1" },
            { "id": "slow", "type": "wait", "duration": "P1D" }
            """,
            """{ "from": "fork", "to": "quick" }, { "from": "fork", "to": "slow" }"""));
        var started = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        var finished = FireTimer(playbook, started.State);

        Assert.Equal(InstanceStatus.Running, started.State.Status);
        Assert.Contains(started.Journal, j => j.Kind == JournalKinds.PathEnded && j.StepId == "quick");
        Assert.Equal(InstanceStatus.Completed, finished.State.Status);
        Assert.Null(EndedAt(finished));
        Assert.Empty(finished.State.Tokens);
    }
}
