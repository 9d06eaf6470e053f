using System.Text.Json;
using CsPlaybooks.Engine.Runtime;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Steps.Flow;

public class SetVariableStepTests
{
    [Fact]
    public void Execute_NumericResult_StoresANumber()
    {
        var playbook = Compile(Playbook("""{ "id": "set", "type": "setVariable", "variable": "score", "value": "{{ 2 | plus: 3 }}" }"""));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        var value = burst.State.Variables["score"]!;
        Assert.Equal(JsonValueKind.Number, value.GetValueKind());
        Assert.Equal("5", value.ToJsonString());
    }

    [Fact]
    public void Execute_TextResult_StoresAString()
    {
        var playbook = Compile(Playbook("""{ "id": "set", "type": "setVariable", "variable": "label", "value": "Hello {{ account.name }}" }"""));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        var value = burst.State.Variables["label"]!;
        Assert.Equal(JsonValueKind.String, value.GetValueKind());
        Assert.Equal("Hello Acme GmbH", value.GetValue<string>());
    }

    [Theory]
    [InlineData("1,2,3")]
    [InlineData("1,000")]
    [InlineData("(5)")]
    public void Execute_TextThatOnlyLooksNumeric_StaysAString(string text)
    {
        var playbook = Compile(Playbook($$"""{ "id": "set", "type": "setVariable", "variable": "ids", "value": "{{text}}" }"""));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        var value = burst.State.Variables["ids"]!;
        Assert.Equal(JsonValueKind.String, value.GetValueKind());
        Assert.Equal(text, value.GetValue<string>());
    }

    [Theory]
    [InlineData("-3", "-3")]
    [InlineData("12.50", "12.50")]
    public void Execute_SignedAndDecimalNumbers_StoreNumbers(string text, string json)
    {
        var playbook = Compile(Playbook($$"""{ "id": "set", "type": "setVariable", "variable": "n", "value": "{{text}}" }"""));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        Assert.Equal(JsonValueKind.Number, burst.State.Variables["n"]!.GetValueKind());
        Assert.Equal(json, burst.State.Variables["n"]!.ToJsonString());
    }

    [Fact]
    public void Execute_NumberSetEarlierInTheSameBurst_CanBeUsedInArithmetic()
    {
        var playbook = Compile(Playbook(
            """
            { "id": "first", "type": "setVariable", "variable": "x", "value": "5" },
            { "id": "second", "type": "setVariable", "variable": "y", "value": "{{ variables.x | plus: 1 }}" }
            """,
            """{ "from": "first", "to": "second" }"""));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        Assert.Equal(InstanceStatus.Completed, burst.State.Status);
        Assert.Equal("""{"x":5,"y":6}""", burst.State.Variables.ToJsonString());
    }

    [Fact]
    public void Execute_CounterInALoop_IncrementsOncePerIteration()
    {
        var playbook = Compile(Playbook(
            """
            { "id": "count", "type": "setVariable", "variable": "n", "value": "{{ variables.n | plus: 1 }}" },
            { "id": "more", "type": "branch", "condition": "variables.n < 3" },
            { "id": "pause", "type": "waitForEvent", "event": "never.sent", "timeout": "P1D" },
            { "id": "stop", "type": "end" }
            """,
            """
            { "from": "count", "to": "more" },
            { "from": "more", "outcome": "true", "to": "pause" },
            { "from": "more", "outcome": "false", "to": "stop" },
            { "from": "pause", "outcome": "timeout", "to": "count" }
            """,
            """ "variables": { "n": 0 } """));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));
        var counts = new List<string> { burst.State.Variables["n"]!.ToJsonString() };
        while (burst.State.Status == InstanceStatus.Running)
        {
            burst = FireTimer(playbook, burst.State);
            counts.Add(burst.State.Variables["n"]!.ToJsonString());
        }

        Assert.Equal(["1", "2", "3"], counts);
        Assert.Equal("stop", EndedAt(burst));
        Assert.Equal(JsonValueKind.Number, burst.State.Variables["n"]!.GetValueKind());
    }

    [Fact]
    public void Compile_WithoutVariable_ReportsTheVariableField()
    {
        var result = CompileResult(Playbook("""{ "id": "set", "type": "setVariable", "value": "1" }"""));

        AssertError(result, "set", "variable", "'variable' is required");
    }
}
