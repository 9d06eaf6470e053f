using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Tasks;

public sealed record WaitForTaskSettings(string Task);

/// <summary>
/// Waits for the task created by a createTask step of this playbook: <c>completed</c> when the internal event
/// <c>task.completed</c> arrives for the account with that task's key, <c>overdue</c> when the task's due time passes first.
/// The task key and due time come from <c>variables.tasks[task]</c>, written by the createTask step.
/// </summary>
public sealed class WaitForTaskStep : StepType<WaitForTaskSettings>
{
    public const string Completed = "completed";
    public const string Overdue = "overdue";

    public override string Type => "waitForTask";
    public override StepCategory Category => StepCategory.Tasks;
    public override string Description => "Wait until the task of a createTask step is completed, or leave by 'overdue' at its due time.";
    public override bool CanWait => true;
    public override JsonObject SettingsSchema => Object(new() { ["task"] = String("Id of the createTask step whose task to wait for", FieldLimits.StepId) }, "task");

    protected override WaitForTaskSettings Read(SettingsReader reader) => new(reader.RequiredString("task", "\"open-account\"", FieldLimits.StepId));

    public override OutcomeRule Outcomes { get; } = OutcomeRule.Of(Completed, Overdue);

    public override void CheckReferences(object settings, IReadOnlyList<StepDefinition> steps, Action<string, string> error)
    {
        var task = ((WaitForTaskSettings)settings).Task;
        var target = steps.FirstOrDefault(s => s.Id == task);
        if (target is null) error("task", $"'task' names '{task}', which is not a step of this playbook; name a createTask step");
        else if (target.Type != "createTask") error("task", $"'task' names '{task}', a {target.Type} step; it must be a createTask step");
    }

    protected override StepResult Execute(StepContext context, WaitForTaskSettings settings)
    {
        if (context.Variables[TaskKinds.Variable]?[settings.Task] is not JsonObject task || (string?)task["key"] is not { } key)
            return new StepResult.Fault($"'{settings.Task}' has not created a task on this path yet; put waitForTask after its createTask step");
        var due = task["dueAt"] is { } d ? d.GetValue<DateTimeOffset>() : (DateTimeOffset?)null;
        return new StepResult.Wait(new BookmarkRequest(TaskKinds.CompletedEvent, due, new JsonObject { ["taskKey"] = key }),
            $"waiting for task {key}" + (due is null ? "" : $" (due {due:yyyy-MM-dd HH:mm} UTC)"));
    }

    protected override StepResult Resume(StepContext context, WaitForTaskSettings settings, Bookmark bookmark, ResumeSignal signal)
    {
        var key = (string?)bookmark.Data?["taskKey"];
        return signal switch
        {
            ResumeSignal.TimerFired => new StepResult.Next(Overdue, $"task {key} not completed by its due time"),
            ResumeSignal.EventReceived e when (string?)e.Data?["taskKey"] != key => new StepResult.Ignore($"another task ({e.Data?["taskKey"]}) was completed"),
            ResumeSignal.External x when (string?)x.Data?["taskKey"] != key => new StepResult.Ignore("another task"),
            _ => new StepResult.Next(Completed, $"task {key} completed"),
        };
    }
}
