using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Validation;

/// <summary>Document-level rules: JSON shape, playbook id, step ids and step types.</summary>
public class PlaybookCompilerTests
{
    [Fact]
    public void Compile_ValidPlaybook_ReturnsCompiledPlaybookWithoutErrors()
    {
        var result = CompileResult(Playbook(
            """
            { "id": "open-account", "type": "wait", "duration": "P5D", "position": { "x": 0, "y": 0 } },
            { "id": "wait-opened", "type": "waitForEvent", "event": "account.opened", "timeout": "P7D" },
            { "id": "escalate", "type": "end" }
            """,
            """
            { "from": "open-account", "to": "wait-opened" },
            { "from": "wait-opened", "outcome": "timeout", "to": "escalate" }
            """,
            """ "trigger": { "type": "event", "event": "account.handedOver", "when": "account.tier != 'churned'" } """));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("open-account", result.Playbook!.Start.Id);
        Assert.Equal(["received", "timeout"], result.Playbook.Steps["wait-opened"].Outcomes);
    }

    [Fact]
    public void Compile_MalformedJson_ReportsLineAndPosition()
    {
        var json = "{\n  \"id\": \"broken\",\n  \"steps\": [ { \"id\": \"a\" \"type\": \"end\" } ]\n}";

        var result = CompileResult(json);

        var error = AssertError(result, null, null, "malformed JSON at line 3, position ");
        Assert.Matches(@"line 3, position \d+", error.Message);
    }

    [Fact]
    public void Compile_JsonArrayInsteadOfObject_SaysAPlaybookMustBeAnObject()
    {
        var result = CompileResult("""[ { "id": "a", "type": "end" } ]""");

        AssertError(result, null, null, "a playbook must be a JSON object");
    }

    [Fact]
    public void Compile_MissingSteps_ReportsStepsRequired()
    {
        var result = CompileResult("""{ "id": "no-steps", "name": "No steps" }""");

        AssertError(result, null, "steps", "'steps' is required");
    }

    [Fact]
    public void Compile_EmptySteps_ReportsAtLeastOneStep()
    {
        var result = CompileResult("""{ "id": "no-steps", "steps": [] }""");

        AssertError(result, null, "steps", "at least one step");
    }

    [Fact]
    public void Compile_StepWithoutId_ReportsItsIndex()
    {
        var result = CompileResult(Playbook("""{ "id": "a", "type": "end" }, { "type": "end" }"""));

        AssertError(result, null, "steps[1].id", "step #2 has no id");
    }

    [Fact]
    public void Compile_DuplicateStepIds_ReportsTheId()
    {
        var result = CompileResult(Playbook(
            """{ "id": "a", "type": "wait", "duration": "P1D" }, { "id": "a", "type": "end" }""",
            """{ "from": "a", "to": "a" }"""));

        AssertError(result, "a", "id", "the id 'a' is used by more than one step");
    }

    [Fact]
    public void Compile_UnknownStepType_ListsTheKnownTypes()
    {
        var result = CompileResult(Playbook("""{ "id": "mail", "type": "sendFax" }"""));

        var error = AssertError(result, "mail", "type", "unknown step type \"sendFax\"; known types: ");
        foreach (var known in new[] { "branch", "end", "setVariable", "startPlaybook", "switch", "wait", "waitForEvent", "waitUntil" })
            Assert.Contains(known, error.Message);
    }

    [Fact]
    public void Compile_MissingRequiredSetting_NamesStepAndField()
    {
        var result = CompileResult(Playbook("""{ "id": "pause", "type": "wait" }"""));

        AssertError(result, "pause", "duration", "'duration' is required");
    }

    [Fact]
    public void Compile_BadIsoDuration_NamesStepAndField()
    {
        var result = CompileResult(Playbook("""{ "id": "pause", "type": "wait", "duration": "7 days" }"""));

        AssertError(result, "pause", "duration", "\"7 days\" is not an ISO-8601 duration");
    }

    [Fact]
    public void Compile_TemplateSyntaxError_NamesStepAndField()
    {
        var result = CompileResult(Playbook("""{ "id": "remember", "type": "setVariable", "variable": "label", "value": "{{ account.name " }"""));

        AssertError(result, "remember", "value", "template syntax error at the end of the text");
    }

    [Theory]
    [InlineData("account.tier ==")]
    [InlineData("account.tier == 'KA' and")]
    [InlineData("== 'KA'")]
    public void Compile_ConditionSyntaxError_NamesStepAndField(string condition)
    {
        var result = CompileResult(Playbook(
            $$"""{ "id": "is-ka", "type": "branch", "condition": "{{condition}}" }, { "id": "yes", "type": "end" }""",
            """{ "from": "is-ka", "outcome": "true", "to": "yes" }"""));

        AssertError(result, "is-ka", "condition", "condition syntax error");
    }

    [Fact]
    public void Compile_BadStartStep_ReportsStart()
    {
        var result = CompileResult(Playbook("""{ "id": "a", "type": "end" }""", extra: """ "start": "nowhere" """));

        AssertError(result, null, "start", "the start step 'nowhere' does not exist");
    }

    [Theory]
    [InlineData("Novice-start")]
    [InlineData("novice start")]
    [InlineData("")]
    public void Compile_BadPlaybookId_ReportsId(string id)
    {
        var result = CompileResult($$"""{ "id": "{{id}}", "steps": [ { "id": "a", "type": "end" } ] }""");

        AssertError(result, null, "id", "must be lower-case letters, digits and dashes");
    }
}
