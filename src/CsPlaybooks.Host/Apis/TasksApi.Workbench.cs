using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Tasks;
using CsPlaybooks.Success.Health;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// The CSM's workbench ("My work"): open tasks grouped overdue / today / this week / later with their account's context,
/// snoozing a task to a date, and comments on a task.
/// </summary>
public static partial class TasksApi
{
    private const int WorkbenchLimit = 500;

    private static void MapWorkbench(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/tasks/workbench", Workbench).WithTags("Tasks").RequireAuthorization(Policies.ReadTasks).ProducesProblem(403)
            .WithSummary("Open tasks grouped overdue, today, week, later (UTC days), each with its account's context (tier, stage, health band, score and trend, contract end, open must-complete tasks, last touch); snoozed tasks apart. ?assignee: a CSM id or role (ops, cs-lead and viewers open any CSM's; a CSM only their own, another's is 403)");
        app.MapPost("/api/tasks/{id:guid}/snooze", Snooze).WithTags("Tasks").RequireAuthorization(Policies.CompleteTasks)
            .Accepts<SnoozeBody>("application/json").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Out of the workbench's groups until a date: { until: \"2026-03-10\" or a date-time } (null wakes it); the due date and escalation are unchanged");
        app.MapGet("/api/tasks/{id:guid}/comments", Comments).WithTags("Tasks").RequireAuthorization(Policies.ReadTasks).ProducesProblem(403).ProducesProblem(404).WithSummary("A task's comments, oldest first");
        app.MapPost("/api/tasks/{id:guid}/comments", Comment).WithTags("Tasks").RequireAuthorization(Policies.CompleteTasks)
            .Accepts<CommentBody>("application/json").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).WithSummary("Comment on a task: { text }");
    }

    /// <summary>POST /api/tasks/{id}/snooze: a date or date-time; null wakes the task.</summary>
    public sealed record SnoozeBody(string? Until);

    public sealed record CommentBody(string Text);

    public sealed record AccountContext(string Id, string Name, string? Tier, string? Stage, string? HealthBand, int? HealthScore, string HealthTrend,
        DateOnly? ContractEnd, int OpenRequiredTasks, DateTimeOffset? LastTouch);

    public sealed record WorkItem(TaskView Task, AccountContext? Account);

    public sealed record WorkbenchView(int Total, IReadOnlyDictionary<string, IReadOnlyList<WorkItem>> Groups, IReadOnlyList<WorkItem> Snoozed);

    private static async Task<Results<Ok<WorkbenchView>, ProblemHttpResult>> Workbench(string? assignee, HttpContext http, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        var own = OwnCsmId(http.User, out var forbidden);
        if (forbidden) return NoCsmId();
        if (own is not null && assignee is not null && assignee != own)
            return TypedResults.Problem(statusCode: 403, title: "Not your workbench",
                detail: $"a CSM sees only their own workbench; ops or a CS lead can open {assignee}'s");
        var who = own ?? assignee;
        await using var context = db.Create();
        var query = context.Tasks.AsNoTracking().Where(t => t.Status == TaskService.Open);
        if (who is not null) query = query.Where(t => t.AssigneeCsmId == who || (t.AssigneeCsmId == null && t.AssigneeRole == who));
        var total = await query.CountAsync(ct);
        var tasks = await query.OrderBy(t => t.DueAt == null).ThenBy(t => t.DueAt).ThenBy(t => t.Id).Take(WorkbenchLimit).ToListAsync(ct);
        var now = time.GetUtcNow();
        var accounts = await ContextsAsync(context, tasks.Select(t => t.AccountId).Distinct().ToList(), now, ct);
        WorkItem Item(TaskRecord t) => new(TaskView.Of(t, now), accounts.GetValueOrDefault(t.AccountId));
        var awake = tasks.Where(t => t.SnoozedUntil is null || t.SnoozedUntil <= now).ToList();
        var groups = DueWindow.All.ToDictionary(w => w, w => (IReadOnlyList<WorkItem>)awake.Where(t => DueWindow.Of(t.DueAt, now) == w).Select(Item).ToList());
        return TypedResults.Ok(new WorkbenchView(total, groups, tasks.Where(t => t.SnoozedUntil > now).OrderBy(t => t.SnoozedUntil).Select(Item).ToList()));
    }

    /// <summary>The workbench's account context, read in four set-based queries for all the accounts shown.</summary>
    private static async Task<Dictionary<string, AccountContext>> ContextsAsync(PlaybooksDbContext context, List<string> ids, DateTimeOffset now, CancellationToken ct)
    {
        var rows = await context.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Select(a => new { a.Id, a.Name, a.Tier, a.Stage, a.HealthBand, a.HealthScore, a.ContractEnd }).ToListAsync(ct);
        var required = await context.Tasks.AsNoTracking().Where(t => ids.Contains(t.AccountId) && t.Status == TaskService.Open && t.Required)
            .GroupBy(t => t.AccountId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var completed = await context.Tasks.AsNoTracking().Where(t => ids.Contains(t.AccountId) && t.CompletedAt != null)
            .GroupBy(t => t.AccountId).Select(g => new { g.Key, At = g.Max(t => t.CompletedAt) }).ToDictionaryAsync(g => g.Key, g => g.At, ct);
        var sent = await context.Emails.AsNoTracking().Where(e => ids.Contains(e.AccountId) && e.SentAt != null)
            .GroupBy(e => e.AccountId).Select(g => new { g.Key, At = g.Max(e => e.SentAt) }).ToDictionaryAsync(g => g.Key, g => g.At, ct);
        var since = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-120);
        var scores = (await context.HealthHistory.AsNoTracking().Where(h => ids.Contains(h.AccountId) && h.PeriodStart >= since)
                .Select(h => new { h.AccountId, h.PeriodStart, h.Score }).ToListAsync(ct))
            .GroupBy(h => h.AccountId).ToDictionary(g => g.Key, g => g.OrderByDescending(h => h.PeriodStart).Take(2).Select(h => h.Score).ToList());
        return rows.ToDictionary(a => a.Id, a =>
        {
            var last = new[] { completed.GetValueOrDefault(a.Id), sent.GetValueOrDefault(a.Id) }.Max();
            return new AccountContext(a.Id, a.Name, a.Tier, a.Stage, a.HealthBand, a.HealthScore, HealthTrend.Of(scores.GetValueOrDefault(a.Id)), a.ContractEnd,
                required.GetValueOrDefault(a.Id), last);
        });
    }

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> Snooze(Guid id, HttpContext http, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        var own = OwnCsmId(http.User, out var forbidden);
        if (forbidden) return NoCsmId();
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(http.Request, errors, ct);
        if (problem is not null) return problem;
        var now = time.GetUtcNow();
        if (!body!.Json.ContainsKey("until")) body.Error("until", "'until' is required: a date such as \"2026-03-10\" (or null to wake the task)");
        var until = body.Time("until");
        if (until <= now) body.Error("until", $"'until' must be in the future (now is {now:yyyy-MM-dd HH:mm} UTC)");
        if (errors.Count > 0) return Problems.Invalid("The snooze is invalid", errors);
        await using var context = db.Create();
        var task = await context.Tasks.FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null || (own is not null && task.AssigneeCsmId != own)) return Problems.NotFound($"no task {id}");
        if (task.Status != TaskService.Open) return Problems.Conflict($"task {id} is {task.Status}; only open tasks can be snoozed");
        task.SnoozedUntil = until;
        await context.SaveChangesAsync(ct);
        return TypedResults.Ok(TaskView.Of(task, now));
    }

    public sealed record CommentView(Guid Id, string Author, string Text, DateTimeOffset At);

    private static async Task<Results<Ok<List<CommentView>>, ProblemHttpResult>> Comments(Guid id, HttpContext http, PlaybooksDb db, CancellationToken ct)
    {
        var own = OwnCsmId(http.User, out var forbidden);
        if (forbidden) return NoCsmId();
        await using var context = db.Create();
        if (!await context.Tasks.AnyAsync(t => t.Id == id && (own == null || t.AssigneeCsmId == own), ct)) return Problems.NotFound($"no task {id}");
        var comments = await context.TaskComments.AsNoTracking().Where(c => c.TaskId == id).OrderBy(c => c.At).ThenBy(c => c.Id)
            .Select(c => new CommentView(c.Id, c.Author, c.Text, c.At)).ToListAsync(ct);
        return TypedResults.Ok(comments);
    }

    private static async Task<Results<Created<CommentView>, ProblemHttpResult>> Comment(Guid id, HttpContext http, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        var own = OwnCsmId(http.User, out var forbidden);
        if (forbidden) return NoCsmId();
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(http.Request, errors, ct);
        if (problem is not null) return problem;
        var text = body!.String("text", FieldLimits.Note, required: true);
        if (errors.Count > 0) return Problems.Invalid("The comment is invalid", errors);
        await using var context = db.Create();
        if (!await context.Tasks.AnyAsync(t => t.Id == id && (own == null || t.AssigneeCsmId == own), ct)) return Problems.NotFound($"no task {id}");
        var now = time.GetUtcNow();
        var comment = new TaskCommentRecord { Id = Guid.CreateVersion7(now), TaskId = id, Author = Trim(own ?? http.User.Identity?.Name ?? "api"), Text = text!.Trim(), At = now };
        context.TaskComments.Add(comment);
        await context.SaveChangesAsync(ct);
        return TypedResults.Created($"/api/tasks/{id}/comments", new CommentView(comment.Id, comment.Author, comment.Text, comment.At));
    }

    private static string Trim(string s) => s.Length <= 200 ? s : s[..200];
}
