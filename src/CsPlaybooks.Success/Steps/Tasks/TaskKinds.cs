namespace CsPlaybooks.Success.Steps.Tasks;

/// <summary>Names shared by the task steps and their delivery: outbox kinds, the completion event, assignee roles.</summary>
public static class TaskKinds
{
    /// <summary>Outbox kind of createTask: the payload is the rendered task (see docs/tasks.md).</summary>
    public const string TaskMessage = "task";
    /// <summary>Outbox kind of assignCsm: assign a CSM to the instance's account.</summary>
    public const string AssignCsmMessage = "assignCsm";
    /// <summary>Internal event raised for the account when a task is completed; <c>data.taskKey</c> names the task.</summary>
    public const string CompletedEvent = "task.completed";
    /// <summary>Instance variable where createTask records its latest task per step: <c>variables.tasks[stepId] = { key, dueAt }</c>.</summary>
    public const string Variable = "tasks";

    public static readonly string[] Assignees = ["csm", "cs-lead", "sales", "implementation"];
    public static readonly string[] Priorities = ["low", "normal", "high"];
}
