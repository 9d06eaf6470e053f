namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>
/// A task in the in-app inbox (mirrored to Microsoft To Do). <see cref="Key"/> is unique: the createTask message key
/// (<c>{instance}/{step}/{path arrival}</c>), or <c>escalation/{key}</c>, <c>assignment/…</c>, <c>handover/…</c>.
/// </summary>
public sealed class TaskRecord
{
    public Guid Id { get; set; }
    public required string Key { get; set; }
    /// <summary>playbook, escalation, assignment or handover.</summary>
    public required string Source { get; set; }
    public Guid? InstanceId { get; set; }
    public required string AccountId { get; set; }
    public string? StepId { get; set; }
    /// <summary>csm, cs-lead, sales or implementation.</summary>
    public required string AssigneeRole { get; set; }
    public string? AssigneeCsmId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    /// <summary>low, normal or high.</summary>
    public required string Priority { get; set; }
    /// <summary>Must-complete (DOMAIN.md §10): escalates to the CS lead when overdue.</summary>
    public bool Required { get; set; }
    /// <summary>open, completed or cancelled.</summary>
    public required string Status { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? CompletedAt { get; set; }
    public string? CompletedBy { get; set; }
    /// <summary>What the assignee reported on completion (JSON object), e.g. { "cause": "management-changed" }; playbooks see it as event.data.result.</summary>
    public string? ResultJson { get; set; }
    public DateTimeOffset? EscalatedAt { get; set; }
    /// <summary>The result form the createTask step declared (JSON array of fields); a completion is checked against it.</summary>
    public string? FormJson { get; set; }
    /// <summary>Snoozed: out of the workbench's groups until then (the due date and escalation are unchanged).</summary>
    public DateTimeOffset? SnoozedUntil { get; set; }
    public string? GraphUserId { get; set; }
    public string? GraphListId { get; set; }
    public string? GraphTaskId { get; set; }
}

/// <summary>A comment on a task (who, when, what), shown with the task in the workbench.</summary>
public sealed class TaskCommentRecord
{
    public Guid Id { get; set; }
    public Guid TaskId { get; set; }
    public required string Author { get; set; }
    public required string Text { get; set; }
    public DateTimeOffset At { get; set; }
}
