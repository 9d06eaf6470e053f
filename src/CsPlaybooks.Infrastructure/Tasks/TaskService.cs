using System.Text.Json.Nodes;
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
    string Priority = "normal", bool Required = false, Guid? InstanceId = null, string? StepId = null, string? AssigneeCsmId = null);

public enum TaskCompletion { Completed, AlreadyCompleted, NotFound, NotYours, Cancelled }

/// <summary>
/// The task inbox: creates tasks exactly once (unique key), resolves the assignee (csm → the account's CSM, cs-lead →
/// the lead), queues the Microsoft To Do mirror in the same transaction, completes tasks and raises
/// <c>task.completed</c> for the account so waiting playbooks resume.
/// </summary>
public sealed class TaskService(PlaybooksDb db, WorkflowRuntime runtime, Wakeups wakeups, IOptions<GraphOptions> graph, TimeProvider time, ILogger<TaskService> log)
{
    public const string Open = "open";
    public const string Done = "completed";
    public const string Cancelled = "cancelled";

    public async Task<TaskRecord> CreateAsync(NewTask task, CancellationToken ct)
    {
        await using var context = db.Create();
        if (await context.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Key == task.Key, ct) is { } existing) return existing;
        var now = time.GetUtcNow();
        var csmId = task.AssigneeCsmId ?? await ResolveCsmAsync(context, task.AssigneeRole, task.AccountId, ct);
        var csm = csmId is null ? null : await context.Csms.AsNoTracking().FirstOrDefaultAsync(c => c.Id == csmId, ct);
        var record = new TaskRecord
        {
            Id = Guid.CreateVersion7(now), Key = task.Key, Source = task.Source, InstanceId = task.InstanceId, AccountId = task.AccountId,
            StepId = task.StepId, AssigneeRole = task.AssigneeRole, AssigneeCsmId = csmId, Title = Trim(task.Title, 500),
            Description = task.Description, DueAt = task.DueAt?.ToUniversalTime(), Priority = task.Priority, Required = task.Required,
            Status = Open, CreatedAt = now,
            GraphUserId = graph.Value.Enabled && !string.IsNullOrWhiteSpace(csm?.GraphUserId) ? csm.GraphUserId : null,
        };
        context.Tasks.Add(record);
        if (record.GraphUserId is not null) Enqueue(context, record, TodoHandlers.CreateKind, now);
        try
        {
            await context.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A concurrent delivery of the same key won the unique index: that task is the one.
            await using var again = db.Create();
            if (await again.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Key == task.Key, ct) is { } winner) return winner;
            throw;
        }
        if (record.GraphUserId is not null) wakeups.Outbox.Set();
        if (record.Required) await RefreshOpenRequiredAsync(record.AccountId, ct);
        log.LogInformation("task {Key} for {Role} {Csm}: {Title}", record.Key, record.AssigneeRole, record.AssigneeCsmId, record.Title);
        return record;
    }

    /// <summary>
    /// Completes a task (idempotent) and raises <c>task.completed</c> for its account. <paramref name="onlyCsmId"/> restricts
    /// completion to that CSM's own tasks. <paramref name="fromTodo"/>: the completion came from Microsoft To Do (no PATCH back).
    /// <paramref name="result"/>: what the assignee reports (e.g. the churn cause), passed to waiting playbooks as <c>event.data.result</c>.
    /// </summary>
    public async Task<(TaskCompletion Result, TaskRecord? Task)> CompleteAsync(Guid id, string by, string? onlyCsmId, bool fromTodo, CancellationToken ct, JsonObject? result = null)
    {
        TaskRecord task;
        await using (var context = db.Create())
        {
            var found = await context.Tasks.FirstOrDefaultAsync(t => t.Id == id, ct);
            if (found is null) return (TaskCompletion.NotFound, null);
            task = found;
            if (onlyCsmId is not null && task.AssigneeCsmId != onlyCsmId) return (TaskCompletion.NotYours, null);
            if (task.Status == Cancelled) return (TaskCompletion.Cancelled, task);
            if (task.Status == Done)
            {
                await RaiseCompletedAsync(task, ct);
                return (TaskCompletion.AlreadyCompleted, task);
            }
            var now = time.GetUtcNow();
            task.Status = Done;
            task.CompletedAt = now;
            task.CompletedBy = Trim(by, 200);
            task.ResultJson = result?.ToJsonString();
            if (task.GraphUserId is not null && !fromTodo) Enqueue(context, task, TodoHandlers.CompleteKind, now);
            await context.SaveChangesAsync(ct);
            if (task.GraphUserId is not null && !fromTodo) wakeups.Outbox.Set();
        }
        if (task.Required) await RefreshOpenRequiredAsync(task.AccountId, ct);
        await RaiseCompletedAsync(task, ct);
        return (TaskCompletion.Completed, task);
    }

    /// <summary>
    /// Escalates every open required task past its due time to the CS lead, once: the escalation task's key
    /// (<c>escalation/{key}</c>) is unique and <c>escalatedAt</c> marks the task, so a re-run or a second node adds nothing.
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
            await CreateAsync(new NewTask($"escalation/{task.Key}", "escalation", task.AccountId, "cs-lead",
                $"Overdue required task: {task.Title}",
                $"The must-complete task \"{task.Title}\" for account {task.AccountId} ({who}) was due {task.DueAt:yyyy-MM-dd HH:mm} UTC and is still open. Task id: {task.Id}.",
                now + TimeSpan.FromDays(1), "high", InstanceId: task.InstanceId), ct);
            await using var context = db.Create();
            await context.Tasks.Where(t => t.Id == task.Id && t.EscalatedAt == null).ExecuteUpdateAsync(s => s.SetProperty(t => t.EscalatedAt, now), ct);
        }
        return overdue.Count;
    }

    /// <summary>
    /// Keeps <c>account.work.openRequiredTasks</c> (open must-complete tasks) current, so conditions and assessRenewal
    /// can use it (DOMAIN.md §10: a missed must-complete item weighs on the account's health).
    /// </summary>
    private async Task RefreshOpenRequiredAsync(string accountId, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= 5; attempt++)
        {
            await using var context = db.Create();
            var count = await context.Tasks.CountAsync(t => t.AccountId == accountId && t.Required && t.Status == Open, ct);
            var account = await context.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
            if (account is null) return;
            var json = JsonNode.Parse(account.Json)!.AsObject();
            if (json["work"] is not JsonObject work) json["work"] = work = new JsonObject();
            if ((int?)work["openRequiredTasks"] == count) return;
            work["openRequiredTasks"] = count;
            account.Json = json.ToJsonString();
            account.Revision++;
            try
            {
                await context.SaveChangesAsync(ct);
                return;
            }
            catch (DbUpdateConcurrencyException)
            {
                // the account changed meanwhile (a playbook step, an API call): count again on the fresh row
            }
        }
    }

    private async Task RaiseCompletedAsync(TaskRecord task, CancellationToken ct)
    {
        var data = new JsonObject
        {
            ["taskKey"] = task.Key, ["taskId"] = task.Id.ToString(), ["stepId"] = task.StepId,
            ["instanceId"] = task.InstanceId?.ToString(), ["completedBy"] = task.CompletedBy,
            ["result"] = task.ResultJson is null ? null : JsonNode.Parse(task.ResultJson),
        };
        await runtime.AcceptEventAsync($"task.completed:{task.Id}", TaskKinds.CompletedEvent, task.AccountId, data, ct);
    }

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
                var json = await context.Accounts.AsNoTracking().Where(a => a.Id == accountId).Select(a => a.Json).FirstOrDefaultAsync(ct);
                return json is null ? null : (string?)JsonNode.Parse(json)?["csmId"];
            case "cs-lead":
                return await context.Csms.AsNoTracking().Where(c => c.IsLead).OrderBy(c => c.Id).Select(c => c.Id).FirstOrDefaultAsync(ct);
            default:
                return null;
        }
    }

    private static string Trim(string text, int max) => text.Length <= max ? text : text[..(max - 1)] + "…";
}
