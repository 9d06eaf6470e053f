using System.Security.Claims;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Tasks;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// The task inbox. A CSM (role csm, claim csm_id) sees and completes only their own tasks; ops, CS leads and viewers
/// see all (viewers cannot complete); ops and CS leads may give a task to another CSM. Completing a task resumes the playbooks waiting for it.
/// </summary>
public static class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.ReadTasks);
        read.MapGet("/", List).WithSummary("Filters: assignee (CSM id or role), account, status (open, completed, cancelled), overdue (true/false)");
        read.MapGet("/{id:guid}", Get);
        var write = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.CompleteTasks);
        app.MapPost("/api/tasks/{id:guid}/reassign", Reassign).WithTags("Tasks").RequireAuthorization(Policies.ReassignTasks)
            .WithSummary("Give an open task to another CSM (ops, cs-lead): { csmId }; 409 when it is not open or is mirrored to To Do");
        write.MapPost("/{id:guid}/complete", Complete).WithSummary("Complete a task (a CSM only their own); optional body { result: { … } } reaches waiting playbooks as event.data.result");
        return app;
    }

    private static readonly string[] Statuses = [TaskService.Open, TaskService.Done, TaskService.Cancelled];

    private static async Task<IResult> List(string? assignee, string? account, string? status, bool? overdue, int? skip, int? take,
        HttpContext http, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        if (status is not null && !Statuses.Contains(status))
            return Problems.Invalid("The filter is invalid", [("status", $"'status' must be one of {string.Join(", ", Statuses)}")]);
        var own = OwnCsmId(http.User, out var forbidden);
        if (forbidden) return NoCsmId();
        await using var context = db.Create();
        var query = context.Tasks.AsNoTracking();
        if (own is not null) query = query.Where(t => t.AssigneeCsmId == own);
        if (assignee is not null) query = query.Where(t => t.AssigneeCsmId == assignee || (t.AssigneeCsmId == null && t.AssigneeRole == assignee));
        if (account is not null) query = query.Where(t => t.AccountId == account);
        if (status is not null) query = query.Where(t => t.Status == status);
        var now = time.GetUtcNow();
        if (overdue == true) query = query.Where(t => t.Status == TaskService.Open && t.DueAt != null && t.DueAt < now);
        if (overdue == false) query = query.Where(t => t.Status != TaskService.Open || t.DueAt == null || t.DueAt >= now);
        var total = await query.CountAsync(ct);
        var page = await query.OrderBy(t => t.Status).ThenBy(t => t.DueAt).ThenBy(t => t.Id)
            .Skip(Math.Max(0, skip ?? 0)).Take(Math.Clamp(take ?? 100, 1, 500)).ToListAsync(ct);
        return Results.Ok(new { total, items = page.Select(t => View(t, now)) });
    }

    private static async Task<IResult> Get(Guid id, HttpContext http, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        var own = OwnCsmId(http.User, out var forbidden);
        if (forbidden) return NoCsmId();
        await using var context = db.Create();
        var task = await context.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        return task is null || (own is not null && task.AssigneeCsmId != own) ? Problems.NotFound($"no task {id}") : Results.Ok(View(task, time.GetUtcNow()));
    }

    private static async Task<IResult> Complete(Guid id, HttpContext http, TaskService tasks, TimeProvider time, CancellationToken ct)
    {
        var own = OwnCsmId(http.User, out var forbidden);
        if (forbidden) return NoCsmId();
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(http.Request, errors, ct, allowEmpty: true);
        if (problem is not null) return problem;
        var outcome = body!.Object("result", FieldLimits.PayloadBytes);
        if (errors.Count > 0) return Problems.Invalid("The completion is invalid", errors);
        var by = own ?? http.User.Identity?.Name ?? "api";
        var (result, task) = await tasks.CompleteAsync(id, by, own, fromTodo: false, ct, outcome);
        return result switch
        {
            TaskCompletion.Completed or TaskCompletion.AlreadyCompleted => Results.Ok(View(task!, time.GetUtcNow())),
            TaskCompletion.Cancelled => Problems.Conflict($"task {id} was cancelled"),
            _ => Problems.NotFound($"no task {id}"),
        };
    }

    private static async Task<IResult> Reassign(Guid id, HttpRequest request, TaskService tasks, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadObjectAsync(request, ct);
        if (problem is not null) return problem;
        if (body!.String("csmId") is not { Length: > 0 } csmId)
            return Problems.Invalid("The reassignment is invalid", [("csmId", "'csmId' is required: the CSM to give the task to (see GET /api/csms)")]);
        var (result, task) = await tasks.ReassignAsync(id, csmId, ct);
        return result switch
        {
            TaskReassignment.Reassigned => Results.Ok(View(task!, time.GetUtcNow())),
            TaskReassignment.UnknownCsm => Problems.Invalid("The reassignment is invalid", [("csmId", $"no CSM '{csmId}' (see GET /api/csms)")]),
            TaskReassignment.NotOpen => Problems.Conflict($"task {id} is {task!.Status}; only open tasks can be reassigned"),
            TaskReassignment.Mirrored => Problems.Conflict($"task {id} is mirrored to Microsoft To Do; moving a mirrored task is not supported yet"),
            _ => Problems.NotFound($"no task {id}"),
        };
    }

    /// <summary>The CSM id a csm-role caller is limited to; null for other roles. A csm key without csm_id may see nothing.</summary>
    internal static string? OwnCsmId(ClaimsPrincipal user, out bool forbidden)
    {
        forbidden = false;
        if (!user.IsInRole(Roles.Csm)) return null;
        var id = user.FindFirstValue("csm_id");
        forbidden = string.IsNullOrWhiteSpace(id);
        return id;
    }

    private static IResult NoCsmId() => Results.Problem(statusCode: 403, title: "Not allowed for this key",
        detail: "this csm key has no CsmId in Auth:ApiKeys, so it has no tasks of its own");

    private static object View(TaskRecord t, DateTimeOffset now) => new
    {
        t.Id, t.Key, t.Source, t.AccountId, t.InstanceId, t.StepId, Assignee = new { Role = t.AssigneeRole, CsmId = t.AssigneeCsmId },
        t.Title, t.Description, t.DueAt, t.Priority, t.Required, t.Status, Overdue = t.Status == TaskService.Open && t.DueAt < now,
        t.CreatedAt, t.CompletedAt, t.CompletedBy, t.EscalatedAt,
        Todo = t.GraphTaskId is null ? null : new { t.GraphUserId, ListId = t.GraphListId, TaskId = t.GraphTaskId },
    };
}
