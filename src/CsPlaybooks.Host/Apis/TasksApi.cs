using System.Security.Claims;
using System.Text.Json.Nodes;
using CsPlaybooks.Success.Steps.Tasks;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Tasks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// The task inbox. A CSM (role csm, claim csm_id) sees and completes only their own tasks; ops, CS leads and viewers
/// see all (viewers cannot complete); ops and CS leads may give a task to another CSM. Completing a task resumes the playbooks waiting for it.
/// </summary>
public static partial class TasksApi
{
    public static IEndpointRouteBuilder MapTasksApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.ReadTasks);
        read.MapGet("/", List).ProducesProblem(400).ProducesProblem(403).WithSummary("Paged on the server: assignee (CSM id or role), account, status (open, completed, cancelled), overdue (true/false), due (overdue, today, week, later), playbookId, q (title or account id contains), the account filters tier, stage, industry, csmId, healthBand, tag; sort (due, created, account; '-' descending), skip, take ≤ 500 → { total, items }");
        read.MapGet("/{id:guid}", Get).ProducesProblem(403).ProducesProblem(404).WithSummary("One task (a CSM only their own)");
        var write = app.MapGroup("/api/tasks").WithTags("Tasks").RequireAuthorization(Policies.CompleteTasks);
        app.MapPost("/api/tasks/{id:guid}/reassign", Reassign).WithTags("Tasks").RequireAuthorization(Policies.ReassignTasks)
            .Accepts<ReassignBody>("application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Give an open task to another CSM (ops, cs-lead): { csmId }; 409 when it is not open or is mirrored to To Do");
        MapWorkbench(app);
        write.MapPost("/{id:guid}/complete", Complete).Accepts<CompleteBody>("application/json")
            .ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).WithSummary("Complete a task (a CSM only their own); optional body { result: { … } } reaches waiting playbooks as event.data.result");
        return app;
    }

    public sealed record ReassignBody(string CsmId);

    /// <summary>POST /api/tasks/{id}/complete: the values of the task's result form, if it has one.</summary>
    public sealed record CompleteBody(JsonObject? Result);

    private static readonly string[] Statuses = [TaskService.Open, TaskService.Done, TaskService.Cancelled];

    /// <summary>The keys the task list sorts by.</summary>
    private static readonly string[] SortKeys = ["due", "created", "account"];

    private static async Task<Results<Ok<Page<TaskView>>, ProblemHttpResult>> List(string? assignee, string? account, string? status, bool? overdue,
        [AsParameters] AccountFilterParameters accounts, string? playbookId, string? due, string? q, string? sort, int? skip, int? take,
        HttpContext http, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        var check = new ListQuery();
        check.OneOf("status", status, Statuses);
        var filter = accounts.Read(check);
        var window = check.OneOf("due", due, DueWindow.All);
        var search = check.Text("q", q);
        var (key, descending) = check.Sort(sort, "due", SortKeys);
        var (from, count) = check.Paging(skip, take);
        if (check.Problem is { } problem) return problem;
        var own = OwnCsmId(http.User, out var forbidden);
        if (forbidden) return NoCsmId();
        await using var context = db.Create();
        var query = context.Tasks.AsNoTracking();
        if (own is not null) query = query.Where(t => t.AssigneeCsmId == own);
        if (assignee is not null) query = query.Where(t => t.AssigneeCsmId == assignee || (t.AssigneeCsmId == null && t.AssigneeRole == assignee));
        if (account is not null) query = query.Where(t => t.AccountId == account);
        if (status is not null) query = query.Where(t => t.Status == status);
        if (!filter.IsEmpty) query = query.Where(t => filter.Ids(context).Contains(t.AccountId));
        if (playbookId is not null) query = query.Where(t => context.Instances.Any(i => i.Id == t.InstanceId && i.PlaybookId == playbookId));
        if (search is not null)
        {
            var lower = search.ToLowerInvariant();
            query = query.Where(t => t.Title.ToLower().Contains(lower) || t.AccountId.ToLower().Contains(lower));
        }
        var now = time.GetUtcNow();
        if (window is not null) query = DueWindow.Apply(query, window, now);
        if (overdue == true) query = query.Where(t => t.Status == TaskService.Open && t.DueAt != null && t.DueAt < now);
        if (overdue == false) query = query.Where(t => t.Status != TaskService.Open || t.DueAt == null || t.DueAt >= now);
        var total = await query.CountAsync(ct);
        var sorted = key switch
        {
            "created" => descending ? query.OrderByDescending(t => t.CreatedAt) : query.OrderBy(t => t.CreatedAt),
            "account" => descending ? query.OrderByDescending(t => t.AccountId) : query.OrderBy(t => t.AccountId),
            _ => descending ? query.OrderBy(t => t.Status).ThenByDescending(t => t.DueAt) : query.OrderBy(t => t.Status).ThenBy(t => t.DueAt),
        };
        var page = await sorted.ThenBy(t => t.Id).Skip(from).Take(count).ToListAsync(ct);
        return TypedResults.Ok(new Page<TaskView>(total, page.Select(t => TaskView.Of(t, now)).ToList()));
    }

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> Get(Guid id, HttpContext http, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        var own = OwnCsmId(http.User, out var forbidden);
        if (forbidden) return NoCsmId();
        await using var context = db.Create();
        var task = await context.Tasks.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id, ct);
        if (task is null || (own is not null && task.AssigneeCsmId != own)) return Problems.NotFound($"no task {id}");
        return TypedResults.Ok(View(task, time.GetUtcNow()));
    }

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> Complete(Guid id, HttpContext http, TaskService tasks, PlaybooksDb db, TimeProvider time, CancellationToken ct)
    {
        var own = OwnCsmId(http.User, out var forbidden);
        if (forbidden) return NoCsmId();
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(http.Request, errors, ct, allowEmpty: true);
        if (problem is not null) return problem;
        var outcome = body!.Object("result", FieldLimits.PayloadBytes);
        if (errors.Count > 0) return Problems.Invalid("The completion is invalid", errors);
        await using (var context = db.Create())
        {
            var form = await context.Tasks.AsNoTracking().Where(t => t.Id == id && t.Status == TaskService.Open).Select(t => t.FormJson).FirstOrDefaultAsync(ct);
            if (form is not null && TaskForm.Check(JsonNode.Parse(form)!.AsArray(), outcome) is { Count: > 0 } formErrors)
                return Problems.Invalid("The result does not fit the task's form", formErrors);
        }
        var by = own ?? http.User.Identity?.Name ?? "api";
        var (result, task) = await tasks.CompleteAsync(id, by, own, fromTodo: false, ct, outcome);
        return result switch
        {
            TaskCompletion.Completed or TaskCompletion.AlreadyCompleted => TypedResults.Ok(View(task!, time.GetUtcNow())),
            TaskCompletion.Cancelled => Problems.Conflict($"task {id} was cancelled"),
            _ => Problems.NotFound($"no task {id}"),
        };
    }

    private static async Task<Results<Ok<TaskView>, ProblemHttpResult>> Reassign(Guid id, HttpRequest request, TaskService tasks, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct);
        if (problem is not null) return problem;
        if (body!.String("csmId", FieldLimits.Id, required: true) is not { } csmId)
            return Problems.Invalid("The reassignment is invalid", errors);
        var (result, task) = await tasks.ReassignAsync(id, csmId, ct);
        return result switch
        {
            TaskReassignment.Reassigned => TypedResults.Ok(View(task!, time.GetUtcNow())),
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

    private static ProblemHttpResult NoCsmId() => TypedResults.Problem(statusCode: 403, title: "Not allowed for this key",
        detail: "this csm key has no CsmId in Auth:ApiKeys, so it has no tasks of its own");

    private static TaskView View(TaskRecord t, DateTimeOffset now) => TaskView.Of(t, now);
}
