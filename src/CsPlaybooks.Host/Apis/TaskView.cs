using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Tasks;

namespace CsPlaybooks.Host.Apis;

/// <summary>A task as the API shows it; <see cref="Form"/> is the result form its step declared (null: no form).</summary>
public sealed record TaskView(
    Guid Id, string Key, string Source, string AccountId, Guid? InstanceId, string? StepId, TaskView.AssigneeView Assignee, string Title,
    string? Description, DateTimeOffset? DueAt, string Priority, bool Required, string Status, bool Overdue, DateTimeOffset CreatedAt,
    DateTimeOffset? CompletedAt, string? CompletedBy, DateTimeOffset? EscalatedAt, DateTimeOffset? SnoozedUntil, JsonNode? Form, JsonNode? Result,
    TaskView.TodoView? Todo)
{
    public sealed record AssigneeView(string Role, string? CsmId);

    public sealed record TodoView(string? GraphUserId, string? ListId, string TaskId);

    public static TaskView Of(TaskRecord t, DateTimeOffset now) => new(
        t.Id, t.Key, t.Source, t.AccountId, t.InstanceId, t.StepId, new AssigneeView(t.AssigneeRole, t.AssigneeCsmId), t.Title, t.Description,
        t.DueAt, t.Priority, t.Required, t.Status, t.Status == TaskService.Open && t.DueAt < now, t.CreatedAt, t.CompletedAt, t.CompletedBy,
        t.EscalatedAt, t.SnoozedUntil, t.FormJson is null ? null : JsonNode.Parse(t.FormJson), t.ResultJson is null ? null : JsonNode.Parse(t.ResultJson),
        t.GraphTaskId is null ? null : new TodoView(t.GraphUserId, t.GraphListId, t.GraphTaskId));
}
