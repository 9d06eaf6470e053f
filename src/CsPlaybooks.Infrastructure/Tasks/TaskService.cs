using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Faults;
using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Tasks.Todo;
using CsPlaybooks.Success.Steps.Tasks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Tasks;

/// <summary>A task to create; <see cref="Key"/> makes creation idempotent.</summary>
public sealed record NewTask(
    string Key, string Source, string AccountId, string AssigneeRole, string Title, string? Description, DateTimeOffset? DueAt,
    string Priority = "normal", bool Required = false, Guid? InstanceId = null, string? StepId = null, string? AssigneeCsmId = null, JsonArray? Form = null);

public enum TaskCompletion { Completed, AlreadyCompleted, NotFound, NotYours, Cancelled }

public enum TaskReassignment { Reassigned, NotFound, NotOpen, Mirrored, UnknownCsm }

/// <summary>
/// The task inbox: creates tasks exactly once (unique key), resolves the assignee (csm → the account's CSM, cs-lead →
/// the lead), and completes tasks. Each change commits in one transaction with what follows from it: the Microsoft To Do
/// mirror's outbox message, the account's count of open must-complete tasks, and <c>task.completed</c> for waiting playbooks.
/// </summary>
public sealed class TaskService(PlaybooksDb db, AccountWriter writer, Wakeups wakeups, IOptions<GraphOptions> graph, TimeProvider time, ILogger<TaskService> log)
{
    public const string Open = "open";
    public const string Done = "completed";
    public const string Cancelled = "cancelled";

    public async Task<TaskRecord> CreateAsync(NewTask task, CancellationToken ct)
    {
        await using (var context = db.Create())
            if (await context.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Key == task.Key, ct) is { } existing) return existing;
        TaskRecord? created = null;
        try
        {
            await writer.EditAsync(task.AccountId, $"task {task.Key}", async (edit, token) =>
            {
                created = await StageAsync(edit.Context, task, edit.Json, token);
                return true;
            }, ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent delivery of the same key won the unique index: that task is the one.
            await using var again = db.Create();
            if (await again.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Key == task.Key, ct) is { } winner) return winner;
            throw;
        }
        if (created!.GraphUserId is not null) wakeups.Outbox.Set();
        log.LogInformation("task {Key} for {Role} {Csm}: {Title}", created.Key, created.AssigneeRole, created.AssigneeCsmId, created.Title);
        return created;
    }

    /// <summary>
    /// Stages a new task (and its To Do mirror) on <paramref name="context"/>, and counts it in the account document
    /// <paramref name="account"/> when it is a must-complete task; the caller commits.
    /// </summary>
    public async Task<TaskRecord> StageAsync(PlaybooksDbContext context, NewTask task, JsonObject? account, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var csmId = task.AssigneeCsmId ?? await ResolveCsmAsync(context, task.AssigneeRole, task.AccountId, ct);
        var csm = csmId is null ? null : await context.Csms.AsNoTracking().FirstOrDefaultAsync(c => c.Id == csmId, ct);
        var record = new TaskRecord
        {
            Id = Guid.CreateVersion7(now), Key = task.Key, Source = task.Source, InstanceId = task.InstanceId, AccountId = task.AccountId,
            StepId = task.StepId, AssigneeRole = task.AssigneeRole, AssigneeCsmId = csmId, Title = Trim(task.Title, FieldLimits.TaskTitle),
            Description = task.Description, DueAt = task.DueAt?.ToUniversalTime(), Priority = task.Priority, Required = task.Required,
            Status = Open, CreatedAt = now, FormJson = task.Form?.ToJsonString(),
            GraphUserId = graph.Value.Enabled && !string.IsNullOrWhiteSpace(csm?.GraphUserId) ? csm.GraphUserId : null,
        };
        context.Tasks.Add(record);
        if (record.GraphUserId is not null) Enqueue(context, record, TodoHandlers.CreateKind, now);
        if (record.Required) await CountOpenRequiredAsync(context, record, account, ct);
        return record;
    }

    /// <summary>
    /// Completes a task (idempotent). <paramref name="onlyCsmId"/> restricts completion to that CSM's own tasks.
    /// <paramref name="fromTodo"/>: the completion came from Microsoft To Do (no PATCH back). <paramref name="result"/>:
    /// what the assignee reports (e.g. the churn cause), passed to waiting playbooks as <c>event.data.result</c>.
    /// <c>task.completed</c> is stored in the completion's own transaction, so a crash right after it cannot strand the playbook.
    /// </summary>
    public async Task<(TaskCompletion Result, TaskRecord? Task)> CompleteAsync(Guid id, string by, string? onlyCsmId, bool fromTodo, CancellationToken ct, JsonObject? result = null)
    {
        string accountId;
        await using (var context = db.Create())
        {
            var found = await context.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
            if (found is null) return (TaskCompletion.NotFound, null);
            if (onlyCsmId is not null && found.AssigneeCsmId != onlyCsmId) return (TaskCompletion.NotYours, null);
            accountId = found.AccountId;
        }
        var outcome = TaskCompletion.NotFound;
        TaskRecord? task = null;
        await writer.EditAsync(accountId, $"task completed by {by}", async (edit, token) =>
        {
            task = await edit.Context.Tasks.FirstOrDefaultAsync(t => t.Id == id, token);
            outcome = task?.Status switch
            {
                null => TaskCompletion.NotFound,
                Cancelled => TaskCompletion.Cancelled,
                Done => TaskCompletion.AlreadyCompleted,
                _ => TaskCompletion.Completed,
            };
            if (outcome != TaskCompletion.Completed) return false;
            task!.Status = Done;
            task.CompletedAt = edit.Now;
            task.CompletedBy = Trim(by, 200);
            task.ResultJson = result?.ToJsonString();
            if (task.GraphUserId is not null && !fromTodo) Enqueue(edit.Context, task, TodoHandlers.CompleteKind, edit.Now);
            if (task.Required) await CountOpenRequiredAsync(edit.Context, task, edit.Json, token);
            edit.Raise($"task.completed:{task.Id}", TaskKinds.CompletedEvent, CompletedData(task));
            return true;
        }, ct, FaultInjection.TaskCompletionCommit);
        if (outcome == TaskCompletion.Completed && task!.GraphUserId is not null && !fromTodo) wakeups.Outbox.Set();
        return (outcome, task);
    }

    /// <summary>
    /// Gives an open task to another CSM. Playbooks waiting for it keep waiting for the same task. A task mirrored to
    /// Microsoft To Do is refused (<see cref="TaskReassignment.Mirrored"/>): moving the mirror between lists is not built.
    /// </summary>
    public async Task<(TaskReassignment Result, TaskRecord? Task)> ReassignAsync(Guid id, string csmId, CancellationToken ct)
    {
        await using var context = db.Create();
        var task = await context.Tasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null) return (TaskReassignment.NotFound, null);
        if (task.Status != Open) return (TaskReassignment.NotOpen, task);
        if (task.GraphUserId is not null) return (TaskReassignment.Mirrored, task);
        if (!await context.Csms.AnyAsync(c => c.Id == csmId, ct)) return (TaskReassignment.UnknownCsm, task);
        if (task.AssigneeCsmId == csmId) return (TaskReassignment.Reassigned, task);
        log.LogInformation("task {Key} reassigned from {From} to {To}", task.Key, task.AssigneeCsmId, csmId);
        task.AssigneeCsmId = csmId;
        await context.SaveChangesAsync(ct);
        return (TaskReassignment.Reassigned, task);
    }

    /// <summary>
    /// Escalates every open required task past its due time to the CS lead, once: the escalation task's key
    /// (<c>escalation/{key}</c>) is unique and <c>escalatedAt</c> marks the task in the same transaction, so a re-run or a second node adds nothing.
    /// </summary>
    public async Task<int> EscalateOverdueAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        List<TaskRecord> overdue;
        await using (var context = db.Create())
        {
            overdue = await context.Tasks.AsNoTracking()
                .Where(t => t.Status == Open && t.Required && t.EscalatedAt == null && t.DueAt != null && t.DueAt <= now)
                .OrderBy(t => t.DueAt).Take(200).ToListAsync(ct);
        }
        foreach (var task in overdue)
        {
            var who = task.AssigneeCsmId is null ? task.AssigneeRole : $"{task.AssigneeRole} {task.AssigneeCsmId}";
            var escalation = new NewTask($"escalation/{task.Key}", "escalation", task.AccountId, "cs-lead",
                $"Overdue required task: {task.Title}",
                $"The must-complete task \"{task.Title}\" for account {task.AccountId} ({who}) was due {task.DueAt:yyyy-MM-dd HH:mm} UTC and is still open. Task id: {task.Id}.",
                now + TimeSpan.FromDays(1), "high", InstanceId: task.InstanceId);
            await writer.EditAsync(task.AccountId, "escalation", async (edit, token) =>
            {
                var row = await edit.Context.Tasks.FirstOrDefaultAsync(t => t.Id == task.Id, token);
                if (row is null || row.EscalatedAt is not null || row.Status != Open) return false;
                row.EscalatedAt = edit.Now;
                if (!await edit.Context.Tasks.AnyAsync(t => t.Key == escalation.Key, token)) await StageAsync(edit.Context, escalation, edit.Json, token);
                return true;
            }, ct);
        }
        if (overdue.Count > 0) wakeups.Outbox.Set();
        return overdue.Count;
    }

    /// <summary>
    /// Keeps <c>account.work.openRequiredTasks</c> (open must-complete tasks) current as <paramref name="changed"/> opens or
    /// closes, so conditions and assessRenewal can use it (DOMAIN.md §10: a missed must-complete item weighs on health).
    /// </summary>
    private static async Task CountOpenRequiredAsync(PlaybooksDbContext context, TaskRecord changed, JsonObject? account, CancellationToken ct)
    {
        if (account is null) return;
        var others = await context.Tasks.CountAsync(t => t.AccountId == changed.AccountId && t.Required && t.Status == Open && t.Id != changed.Id, ct);
        if (account["work"] is not JsonObject work) account["work"] = work = new JsonObject();
        work["openRequiredTasks"] = others + (changed.Status == Open ? 1 : 0);
    }

    private static JsonObject CompletedData(TaskRecord task) => new()
    {
        ["taskKey"] = task.Key, ["taskId"] = task.Id.ToString(), ["stepId"] = task.StepId,
        ["instanceId"] = task.InstanceId?.ToString(), ["completedBy"] = task.CompletedBy,
        ["result"] = task.ResultJson is null ? null : JsonNode.Parse(task.ResultJson),
    };

    internal static void Enqueue(PlaybooksDbContext context, TaskRecord task, string kind, DateTimeOffset now) =>
        context.Outbox.Add(new OutboxRecord
        {
            Id = Guid.CreateVersion7(now), InstanceId = task.InstanceId ?? Guid.Empty, StepId = task.StepId ?? "", Kind = kind,
            DedupKey = $"{kind}/{task.Id}", PayloadJson = new JsonObject { ["taskId"] = task.Id.ToString() }.ToJsonString(),
            State = OutboxStates.Pending, NextAttemptAt = now, CreatedAt = now,
        });

    private static async Task<string?> ResolveCsmAsync(PlaybooksDbContext context, string role, string accountId, CancellationToken ct)
    {
        switch (role)
        {
            case "csm":
                return await context.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.CsmId).FirstOrDefaultAsync(ct);
            case "cs-lead":
                return await context.Csms.AsNoTracking().Where(c => c.IsLead).OrderBy(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(ct);
            default:
                return null;
        }
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
