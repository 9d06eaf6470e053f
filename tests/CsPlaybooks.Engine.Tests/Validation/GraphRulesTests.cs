using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Validation;

/// <summary>Graph rules: every step reachable from the start; every loop passes a waiting step.</summary>
public class GraphRulesTests
{
    [Fact]
    public void Compile_UnreachableStep_NamesIt()
    {
        var result = CompileResult(Playbook(
            """{ "id": "a", "type": "wait", "duration": "P1D" }, { "id": "b", "type": "end" }, { "id": "orphan", "type": "end" }""",
            """{ "from": "a", "to": "b" }"""));

        var error = AssertError(result, "orphan", null, "'orphan' can never be reached from the start step 'a'");
        Assert.Single(result.Errors);
        Assert.Equal("orphan", error.StepId);
    }

    [Fact]
    public void Compile_StepReachableOnlyFromCustomStart_IsReachable()
    {
        var result = CompileResult(Playbook(
            """{ "id": "b", "type": "end" }, { "id": "a", "type": "wait", "duration": "P1D" }""",
            """{ "from": "a", "to": "b" }""",
            """ "start": "a" """));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("a", result.Playbook!.Start.Id);
    }

    [Fact]
    public void Compile_LoopWithoutWaitingStep_IsRejected()
    {
        var result = CompileResult(Playbook(
            """
            { "id": "check", "type": "branch", "condition": "variables.n < 3" },
            { "id": "count", "type": "setVariable", "variable": "n", "value": "{{ variables.n | plus: 1 }}" },
            { "id": "stop", "type": "end" }
            """,
            """
            { "from": "check", "outcome": "true", "to": "count" },
            { "from": "count", "to": "check" },
            { "from": "check", "outcome": "false", "to": "stop" }
            """));

        AssertError(result, "check", "connections", "the loop check → count → check has no waiting step");
    }

    [Fact]
    public void Compile_SelfLoopWithoutWaitingStep_IsRejected()
    {
        var result = CompileResult(Playbook(
            """{ "id": "again", "type": "setVariable", "variable": "n", "value": "1" }""",
            """{ "from": "again", "to": "again" }"""));

        AssertError(result, "again", "connections", "has no waiting step");
    }

    [Fact]
    public void Compile_LoopThroughWaitForEvent_IsValid()
    {
        var result = CompileResult(Playbook(
            """
            { "id": "check", "type": "branch", "condition": "variables.n < 3" },
            { "id": "pause", "type": "waitForEvent", "event": "account.opened", "timeout": "P1D" },
            { "id": "count", "type": "setVariable", "variable": "n", "value": "{{ variables.n | plus: 1 }}" },
            { "id": "stop", "type": "end" }
            """,
            """
            { "from": "check", "outcome": "true", "to": "pause" },
            { "from": "pause", "outcome": "timeout", "to": "count" },
            { "from": "pause", "outcome": "received", "to": "stop" },
            { "from": "count", "to": "check" },
            { "from": "check", "outcome": "false", "to": "stop" }
            """));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
    }
}
