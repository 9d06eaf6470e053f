using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Validation;

/// <summary>Connections: both ends must be steps, the outcome must exist, join "all" needs two inbound paths.</summary>
public class ConnectionRulesTests
{
    [Fact]
    public void Compile_ConnectionFromUnknownStep_ReportsTheMissingSource()
    {
        var result = CompileResult(Playbook(
            """{ "id": "a", "type": "end" }""",
            """{ "from": "ghost", "to": "a" }"""));

        AssertError(result, "ghost", "connections", "a connection starts at 'ghost', which is not a step");
    }

    [Fact]
    public void Compile_ConnectionToUnknownStep_ReportsTheSourceStep()
    {
        var result = CompileResult(Playbook(
            """{ "id": "a", "type": "wait", "duration": "P1D" }""",
            """{ "from": "a", "to": "ghost" }"""));

        AssertError(result, "a", "connections", "a connection from 'a' goes to 'ghost', which is not a step");
    }

    [Fact]
    public void Compile_UnknownOutcome_ListsTheStepsOutcomes()
    {
        var result = CompileResult(Playbook(
            """{ "id": "pause", "type": "wait", "duration": "P1D" }, { "id": "b", "type": "end" }""",
            """{ "from": "pause", "outcome": "timeout", "to": "b" }"""));

        AssertError(result, "pause", "connections", "'pause' (wait) has no outcome \"timeout\"; its outcomes are: done");
    }

    [Fact]
    public void Compile_ConnectionLeavingEnd_SaysNothingCanFollowIt()
    {
        var result = CompileResult(Playbook(
            """{ "id": "stop", "type": "end" }, { "id": "b", "type": "end" }""",
            """{ "from": "stop", "to": "b" }"""));

        AssertError(result, "stop", "connections", "nothing can follow it");
    }

    [Fact]
    public void Compile_TimeoutOutcomeWithoutTimeout_IsRejected()
    {
        var result = CompileResult(Playbook(
            """{ "id": "w", "type": "waitForEvent", "event": "account.opened" }, { "id": "b", "type": "end" }""",
            """{ "from": "w", "outcome": "timeout", "to": "b" }"""));

        AssertError(result, "w", "connections", "its outcomes are: received");
    }

    [Fact]
    public void Compile_JoinAllWithOneInboundConnection_ReportsJoin()
    {
        var result = CompileResult(Playbook(
            """{ "id": "a", "type": "wait", "duration": "P1D" }, { "id": "gather", "type": "end", "join": "all" }""",
            """{ "from": "a", "to": "gather" }"""));

        AssertError(result, "gather", "join", "join \"all\" needs at least two incoming connections; 'gather' has 1");
    }

    [Fact]
    public void Compile_JoinAllWithTwoInboundConnections_IsValid()
    {
        var result = CompileResult(Playbook(
            """
            { "id": "fork", "type": "wait", "duration": "P1D" },
            { "id": "left", "type": "wait", "duration": "P1D" },
            { "id": "right", "type": "wait", "duration": "P2D" },
            { "id": "gather", "type": "end", "join": "all" }
            """,
            """
            { "from": "fork", "to": "left" }, { "from": "fork", "to": "right" },
            { "from": "left", "to": "gather" }, { "from": "right", "to": "gather" }
            """));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }

    [Fact]
    public void Compile_UnknownJoinMode_ReportsJoin()
    {
        var result = CompileResult(Playbook("""{ "id": "a", "type": "end", "join": "some" }"""));

        AssertError(result, "a", "join", "'join' must be \"any\" or \"all\", not \"some\"");
    }
}
