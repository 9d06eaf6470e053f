using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>Running and finished instances: filter, detail with journal and incidents, cancel, retry.</summary>
public static class InstancesApi
{
    public static IEndpointRouteBuilder MapInstancesApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/instances").WithTags("Instances").RequireAuthorization(Policies.Read);
        read.MapGet("/", List).ProducesProblem(400).WithSummary("Paged on the server: playbookId, version, status (running, completed, cancelled, faulted), accountId, q (account or playbook id contains), the account filters tier, stage, industry, csmId, healthBand, tag; sort (created, updated, account; '-' descending; default newest first), skip, take ≤ 500 → { total, items }");
        read.MapGet("/{id:guid}", Get).ProducesProblem(404).WithSummary("Detail: position, variables, bookmarks, journal, incidents, outbox");
        var ops = app.MapGroup("/api/instances").WithTags("Instances").RequireAuthorization(Policies.Design);
        ops.MapPost("/{id:guid}/cancel", Cancel).Accepts<CancelBody>("application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).WithSummary("Cancel: every waiting path is removed. Body: { reason? }");
        ops.MapPost("/{id:guid}/retry", Retry).ProducesProblem(404).ProducesProblem(409).WithSummary("Run a faulted instance again from the failed step, and re-queue failed deliveries");
        return app;
    }

    private static readonly string[] Statuses = ["running", "completed", "cancelled", "faulted"];

    private static async Task<Results<Ok<Page<InstanceSummary>>, ProblemHttpResult>> List(string? playbookId, int? version, string? status, string? accountId,
        [AsParameters] AccountFilterParameters accounts, string? q, string? sort, int? skip, int? take, PlaybooksDb db, CancellationToken ct)
    {
        var check = new ListQuery();
        check.OneOf("status", status, Statuses);
        var filter = accounts.Read(check);
        var search = check.Text("q", q);
        var (key, descending) = check.Sort(sort, "-created", ["created", "updated", "account"]);
        var (from, count) = check.Paging(skip, take);
        if (check.Problem is { } problem) return problem;
        await using var context = db.Create();
        var query = context.Instances.AsNoTracking();
        if (playbookId is not null) query = query.Where(i => i.PlaybookId == playbookId);
        if (version is not null) query = query.Where(i => i.Version == version);
        if (status is not null) query = query.Where(i => i.Status == status);
        if (accountId is not null) query = query.Where(i => i.AccountId == accountId);
        if (!filter.IsEmpty) query = query.Where(i => filter.Ids(context).Contains(i.AccountId));
        if (search is not null)
        {
            var lower = search.ToLowerInvariant();
            query = query.Where(i => i.AccountId.ToLower().Contains(lower) || i.PlaybookId.ToLower().Contains(lower));
        }
        var total = await query.CountAsync(ct);
        var sorted = key switch
        {
            "updated" => descending ? query.OrderByDescending(i => i.UpdatedAt) : query.OrderBy(i => i.UpdatedAt),
            "account" => descending ? query.OrderByDescending(i => i.AccountId) : query.OrderBy(i => i.AccountId),
            _ => descending ? query.OrderByDescending(i => i.CreatedAt) : query.OrderBy(i => i.CreatedAt),
        };
        var page = await sorted.ThenBy(i => i.Id).Skip(from).Take(count).ToListAsync(ct);
        var ids = page.Select(i => i.Id).ToList();
        var waiting = (await context.Bookmarks.AsNoTracking().Where(b => ids.Contains(b.InstanceId)).Select(b => new { b.InstanceId, b.StepId, b.DueAt, b.EventName }).ToListAsync(ct))
            .ToLookup(b => b.InstanceId);
        return TypedResults.Ok(new Page<InstanceSummary>(total, page.Select(i => new InstanceSummary(
            i.Id, i.PlaybookId, i.Version, i.AccountId, i.Status, i.Holdout, i.CreatedAt, i.UpdatedAt, i.FinishedAt, i.FaultedStepId, i.FaultMessage,
            waiting[i.Id].Select(b => new InstanceSummary.Wait(b.StepId, b.DueAt, b.EventName)).ToList())).ToList()));
    }

    private static async Task<Results<Ok<InstanceDetail>, ProblemHttpResult>> Get(Guid id, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var i = await context.Instances.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (i is null) return Problems.NotFound($"no instance {id}");
        var state = InstanceState.Deserialize(i.StateJson);
        var journal = await context.Journal.AsNoTracking().Where(j => j.InstanceId == id).OrderBy(j => j.Id).ToListAsync(ct);
        var incidents = await context.Incidents.AsNoTracking().Where(x => x.InstanceId == id).OrderBy(x => x.At).ToListAsync(ct);
        var outbox = await context.Outbox.AsNoTracking().Where(x => x.InstanceId == id).OrderBy(x => x.CreatedAt).ToListAsync(ct);
        return TypedResults.Ok(new InstanceDetail(i.Id, i.PlaybookId, i.Version, i.AccountId, i.Status, i.Holdout, i.Revision, i.CreatedAt, i.UpdatedAt,
            i.FinishedAt, i.FaultedStepId, i.FaultMessage, state.Variables,
            state.Bookmarks.Select(b => new InstanceBookmark(b.StepId, b.EventName, b.DueAt)),
            state.CompletedSteps,
            journal.Select(j => new InstanceJournalEntry(j.At, j.StepId, j.Kind, j.Summary, j.DetailJson is null ? null : JsonNode.Parse(j.DetailJson))),
            incidents.Select(x => new IncidentView(x.Id, x.Kind, x.StepId, x.Message, x.At, x.ResolvedAt)),
            outbox.Select(x => new OutboxEntry(x.Id, x.Kind, x.StepId, x.State, x.Attempts, x.NextAttemptAt, x.LastError, x.SentAt))));
    }

    private static async Task<Results<Ok<InstanceCommandOutcome>, ProblemHttpResult>> Cancel(Guid id, HttpRequest request, WorkflowRuntime runtime, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct, allowEmpty: true);
        if (problem is not null) return problem;
        var reason = body!.String("reason", FieldLimits.Note);
        if (errors.Count > 0) return Problems.Invalid("The cancellation is invalid", errors);
        var result = await runtime.CancelAsync(id, reason ?? "cancelled through the API", ct);
        return ToResult(id, result);
    }

    private static async Task<Results<Ok<InstanceCommandOutcome>, ProblemHttpResult>> Retry(Guid id, WorkflowRuntime runtime, DeliveryRetries deliveries, CancellationToken ct)
    {
        var result = await runtime.RetryAsync(id, ct);
        var requeued = await deliveries.RequeueAsync(id, ct);
        if (result.Status == InstanceCommandStatus.Conflict && requeued > 0)
            return TypedResults.Ok(new InstanceCommandOutcome(id, "requeued", requeued));
        return result.Status == InstanceCommandStatus.Ok ? TypedResults.Ok(new InstanceCommandOutcome(id, result.Message, requeued)) : ToResult(id, result);
    }

    private static Results<Ok<InstanceCommandOutcome>, ProblemHttpResult> ToResult(Guid id, InstanceCommandResult result) => result.Status switch
    {
        InstanceCommandStatus.Ok => TypedResults.Ok(new InstanceCommandOutcome(id, result.Message, null)),
        InstanceCommandStatus.NotFound => Problems.NotFound(result.Message),
        _ => Problems.Conflict(result.Message),
    };
}

/// <summary>An instance in the list, with where it waits.</summary>
public sealed record InstanceSummary(
    Guid Id, string PlaybookId, int Version, string AccountId, string Status, bool Holdout, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt, string? FaultedStepId, string? FaultMessage, IReadOnlyList<InstanceSummary.Wait> WaitingAt)
{
    public sealed record Wait(string StepId, DateTimeOffset? DueAt, string? EventName);
}
