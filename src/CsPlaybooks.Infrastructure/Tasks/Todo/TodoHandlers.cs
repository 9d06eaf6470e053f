using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Tasks.Todo;

/// <summary>Outbox kinds of the To Do mirror; their messages carry { taskId } and are queued with the task change itself.</summary>
public static class TodoHandlers
{
    public const string CreateKind = "todo.create";
    public const string CompleteKind = "todo.complete";
}

/// <summary>
/// Creates the task in the assignee CSM's To Do list, never twice: the Graph id is stored as soon as Graph returns it,
/// and the list id is stored <em>before</em> the POST, so a later attempt that finds a list id but no task id knows a
/// POST may already have gone through and first looks for a task carrying our marker (linkedResource externalId = key).
/// </summary>
public sealed class TodoCreateHandler(PlaybooksDb db, TodoClient todo) : IOutboxHandler
{
    public string Kind => TodoHandlers.CreateKind;

    public async Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var taskId = Guid.Parse((string?)delivery.Payload["taskId"] ?? throw new PermanentDeliveryException("payload has no taskId"));
        await using var context = db.Create();
        var task = await context.Tasks.FirstOrDefaultAsync(t => t.Id == taskId, ct) ?? throw new PermanentDeliveryException($"no task {taskId}");
        if (task.GraphTaskId is not null || task.GraphUserId is null) return;

        string? existing = null;
        if (task.GraphListId is not null) existing = await todo.FindAsync(task.GraphUserId, task.GraphListId, task.Key, ct);
        else
        {
            var csm = task.AssigneeCsmId is null ? null : await context.Csms.FirstOrDefaultAsync(c => c.Id == task.AssigneeCsmId, ct);
            var listId = csm?.GraphUserId == task.GraphUserId && csm.GraphListId is not null ? csm.GraphListId : await todo.EnsureListAsync(task.GraphUserId, ct);
            if (csm is not null && csm.GraphUserId == task.GraphUserId) csm.GraphListId = listId;
            task.GraphListId = listId;
            await context.SaveChangesAsync(ct);
        }
        task.GraphTaskId = existing ?? await todo.CreateAsync(task.GraphUserId, task.GraphListId!,
            new TodoItem(task.Key, task.Title, task.Description, task.DueAt, task.Priority), ct);
        await context.SaveChangesAsync(CancellationToken.None);
    }
}

/// <summary>Marks the mirrored task completed in To Do (PATCH status). Waits (retries) while the To Do task is still being created.</summary>
public sealed class TodoCompleteHandler(PlaybooksDb db, TodoClient todo) : IOutboxHandler
{
    public string Kind => TodoHandlers.CompleteKind;

    public async Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var taskId = Guid.Parse((string?)delivery.Payload["taskId"] ?? throw new PermanentDeliveryException("payload has no taskId"));
        await using var context = db.Create();
        var task = await context.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == taskId, ct) ?? throw new PermanentDeliveryException($"no task {taskId}");
        if (task.GraphUserId is null) return;
        if (task.GraphTaskId is null || task.GraphListId is null)
            throw new RetryAfterException("the To Do task has not been created yet", TimeSpan.FromSeconds(5));
        await todo.CompleteAsync(task.GraphUserId, task.GraphListId, task.GraphTaskId, ct);
    }
}
