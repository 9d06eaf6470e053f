using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Success.Steps;

namespace CsPlaybooks.Host.Tests.Tasks;

/// <summary>Settings validation of createTask, waitForTask and assignCsm, through the real compiler.</summary>
public sealed class TaskStepValidationTests
{
    private static readonly PlaybookCompiler Compiler = new(StepRegistry.CreateDefault().AddSuccessSteps(new SuccessStepDependencies()));

    private static IReadOnlyList<DefinitionError> Errors(JsonObject createTask, JsonObject? waitForTask = null, JsonObject? extra = null)
    {
        var steps = new JsonArray(createTask, waitForTask ?? new JsonObject { ["id"] = "wait", ["type"] = "waitForTask", ["task"] = "create" });
        if (extra is not null) steps.Add(extra);
        var connections = new JsonArray(new JsonObject { ["from"] = "create", ["to"] = "wait" });
        if (extra is not null) connections.Add(new JsonObject { ["from"] = "wait", ["outcome"] = "completed", ["to"] = (string)extra["id"]! });
        var definition = new JsonObject { ["id"] = "p", ["name"] = "p", ["steps"] = steps, ["connections"] = connections };
        return Compiler.Compile(definition.ToJsonString()).Errors;
    }

    private static JsonObject Create(Action<JsonObject>? change = null)
    {
        var step = new JsonObject { ["id"] = "create", ["type"] = "createTask", ["assignee"] = "csm", ["title"] = "Call {{ account.name }}", ["due"] = "P3D" };
        change?.Invoke(step);
        return step;
    }

    [Fact]
    public void Valid_TaskSteps_Compile() => Assert.Empty(Errors(Create(), extra: new JsonObject { ["id"] = "assign", ["type"] = "assignCsm" }));

    [Theory]
    [InlineData("assignee", "\"boss\"", "'assignee' must be one of")]
    [InlineData("title", "\"Call {{ account.name \"", "template syntax error")]
    [InlineData("due", "\"7 days\"", "ISO-8601")]
    [InlineData("due", "\"-P1D\"", "positive duration")]
    [InlineData("priority", "\"urgent\"", "'priority' must be one of")]
    [InlineData("required", "\"yes\"", "'required' must be true or false")]
    public void CreateTask_BadSetting_IsReported(string field, string json, string message)
    {
        var errors = Errors(Create(s => s[field] = JsonNode.Parse(json)));
        Assert.Contains(errors, e => e.StepId == "create" && e.Field == field && e.Message.Contains(message));
    }

    [Fact]
    public void CreateTask_MissingTitle_IsReported() =>
        Assert.Contains(Errors(Create(s => s.Remove("title"))), e => e.StepId == "create" && e.Field == "title");

    [Fact]
    public void WaitForTask_UnknownStep_IsReported() =>
        Assert.Contains(Errors(Create(), new JsonObject { ["id"] = "wait", ["type"] = "waitForTask", ["task"] = "nope" }),
            e => e.StepId == "wait" && e.Field == "task" && e.Message.Contains("not a step"));

    [Fact]
    public void WaitForTask_NotACreateTaskStep_IsReported() =>
        Assert.Contains(Errors(Create(), new JsonObject { ["id"] = "wait", ["type"] = "waitForTask", ["task"] = "wait" }),
            e => e.StepId == "wait" && e.Field == "task" && e.Message.Contains("must be a createTask step"));

    [Fact]
    public void WaitForTask_HasCompletedAndOverdueOutcomes()
    {
        var errors = Errors(Create(), extra: new JsonObject { ["id"] = "x", ["type"] = "end" });
        Assert.Empty(errors);
        var bad = Compiler.Compile(new JsonObject
        {
            ["id"] = "p", ["name"] = "p",
            ["steps"] = new JsonArray(Create(), new JsonObject { ["id"] = "wait", ["type"] = "waitForTask", ["task"] = "create" }, new JsonObject { ["id"] = "x", ["type"] = "end" }),
            ["connections"] = new JsonArray(new JsonObject { ["from"] = "create", ["to"] = "wait" }, new JsonObject { ["from"] = "wait", ["outcome"] = "timeout", ["to"] = "x" }),
        }.ToJsonString()).Errors;
        Assert.Contains(bad, e => e.Message.Contains("completed, overdue"));
    }
}
