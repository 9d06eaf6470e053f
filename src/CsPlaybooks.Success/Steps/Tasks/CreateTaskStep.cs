using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Time;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Tasks;

public sealed record CreateTaskSettings(string Assignee, LiquidTemplate Title, LiquidTemplate? Description, CalendarPeriod Due, string Priority, bool Required, JsonArray? Form = null);

/// <summary>
/// Creates a task for a person (the account's CSM, the CS lead, sales or implementation) after the burst commits.
/// The task key is <c>{instance}/{step}/{path arrival}</c>, so a replayed burst creates no second task; the key and due
/// time are recorded in <c>variables.tasks[stepId]</c> for a later waitForTask.
/// </summary>
public sealed class CreateTaskStep : StepType<CreateTaskSettings>
{
    public static readonly CalendarPeriod DefaultDue = CalendarPeriod.Parse("P7D");

    public override string Type => "createTask";
    public override StepCategory Category => StepCategory.Tasks;
    public override string Description => "Create a task (in-app inbox, mirrored to Microsoft To Do) for the CSM, CS lead, sales or implementation.";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["assignee"] = Enum("Who does it", TaskKinds.Assignees),
        ["title"] = String("Liquid template, e.g. Open accounts for {{ account.name }}", FieldLimits.TaskTitle),
        ["description"] = String("Liquid template (optional)"),
        ["due"] = Duration("Due after this long (default P7D), in the account's calendar"),
        ["priority"] = Enum("low, normal (default) or high", TaskKinds.Priorities),
        ["required"] = new JsonObject { ["type"] = "boolean", ["description"] = "Must-complete: escalates to the CS lead when overdue (default false)" },
        ["form"] = TaskForm.Schema,
    }, "assignee", "title");

    protected override CreateTaskSettings Read(SettingsReader reader)
    {
        var assignee = reader.RequiredString("assignee", "\"csm\"");
        if (assignee.Length > 0 && !TaskKinds.Assignees.Contains(assignee))
            reader.Error("assignee", $"'assignee' must be one of {string.Join(", ", TaskKinds.Assignees)}, not \"{assignee}\"");
        var title = reader.Template("title", required: true, FieldLimits.TaskTitle);
        var description = reader.Template("description", required: false);
        var due = reader.Period("due", required: false) ?? DefaultDue;
        if (due.IsNegative) reader.Error("due", "'due' must be a positive duration such as \"P5D\"");
        var priority = reader.OptionalString("priority") ?? "normal";
        if (!TaskKinds.Priorities.Contains(priority))
            reader.Error("priority", $"'priority' must be one of {string.Join(", ", TaskKinds.Priorities)}, not \"{priority}\"");
        var required = false;
        if (reader.Raw("required") is { } r)
        {
            if (r is JsonValue v && v.TryGetValue<bool>(out var b)) required = b;
            else reader.Error("required", "'required' must be true or false");
        }
        return new(assignee, title!, description, due, priority, required, TaskForm.Read(reader));
    }

    protected override StepResult Execute(StepContext context, CreateTaskSettings settings)
    {
        var key = $"{context.Instance.InstanceId:N}/{context.Step.Id}/{context.TokenId}";
        var due = settings.Due.AddTo(context.Now, context.Zone).ToUniversalTime();
        var title = settings.Title.Render(context.Model).Trim();
        var message = new JsonObject
        {
            ["key"] = key,
            ["accountId"] = context.Instance.AccountId,
            ["instanceId"] = context.Instance.InstanceId.ToString(),
            ["stepId"] = context.Step.Id,
            ["assignee"] = settings.Assignee,
            ["title"] = title,
            ["description"] = settings.Description?.Render(context.Model).Trim(),
            ["dueAt"] = due,
            ["priority"] = settings.Priority,
            ["required"] = settings.Required,
        };
        if (settings.Form is not null) message["form"] = settings.Form.DeepClone();
        context.Emit(TaskKinds.TaskMessage, message);
        var tasks = context.Variables[TaskKinds.Variable] as JsonObject ?? new JsonObject();
        tasks[context.Step.Id] = new JsonObject { ["key"] = key, ["dueAt"] = due };
        context.Variables[TaskKinds.Variable] = tasks;
        return StepResult.Done($"task for {settings.Assignee}: \"{title}\" due {due:yyyy-MM-dd HH:mm} UTC" + (settings.Required ? " (required)" : ""));
    }

    private static JsonObject Enum(string description, string[] values) =>
        new() { ["type"] = "string", ["description"] = description, ["enum"] = new JsonArray([.. values.Select(v => (JsonNode)v)]) };
}
