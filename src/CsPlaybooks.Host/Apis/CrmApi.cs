using System.Security.Claims;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Crm;
using CsPlaybooks.Infrastructure.Crm.HubSpot;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>The CRM sync for ops (docs/crm.md): start a run, follow it, read its report.</summary>
public static class CrmApi
{
    public static IEndpointRouteBuilder MapCrmApi(this IEndpointRouteBuilder app)
    {
        var crm = app.MapGroup("/api/crm").WithTags("CRM").RequireAuthorization(Policies.Design);
        crm.MapPost("/sync", Sync).Accepts<CrmSyncBody>("application/json").ProducesProblem(400).ProducesProblem(409).WithSummary("Start a sync run now: { full?: false } (full ignores the cursors) → 202 with the run; a run already waiting to start is returned instead of a second one");
        crm.MapGet("/sync-runs", List).ProducesProblem(400).WithSummary("Sync runs, newest first, paged (skip, take ≤ 100) → { total, items } with counts (created, updated, unchanged, skipped) and status");
        crm.MapGet("/sync-runs/{id:guid}", Get).ProducesProblem(404).WithSummary("One run's report: counts, status, error, and each skipped record with its reason");
        return app;
    }

    private static async Task<Results<Accepted<CrmSyncRunView>, ProblemHttpResult>> Sync(HttpRequest request, ClaimsPrincipal user, ICrmConnector connector, CrmSyncRuns runs, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct, allowEmpty: true);
        if (problem is not null) return problem;
        var full = body!.Bool("full") ?? false;
        if (errors.Count > 0) return Problems.Invalid("The sync request is invalid", errors);
        if (!connector.IsConfigured)
            return Problems.Conflict($"the CRM sync is not configured: set {HubSpotOptions.Section}:AccessToken (see docs/crm.md)");
        var run = await runs.WaitingAsync(full, ct) ?? await runs.QueueAsync($"manual: {user.Identity?.Name}", full, start: true, ct);
        return TypedResults.Accepted($"/api/crm/sync-runs/{run.Id}", CrmSyncRunView.Of(run));
    }

    private static async Task<Results<Ok<Page<CrmSyncRunView>>, ProblemHttpResult>> List(int? skip, int? take, CrmSyncRuns runs, CancellationToken ct)
    {
        var query = new ListQuery();
        var (from, count) = query.Paging(skip, take, fallback: 20, max: 100);
        if (query.Problem is { } problem) return problem;
        var (total, items) = await runs.ListAsync(from, count, ct);
        return TypedResults.Ok(new Page<CrmSyncRunView>(total, items.Select(CrmSyncRunView.Of).ToList()));
    }

    private static async Task<Results<Ok<CrmSyncReport>, ProblemHttpResult>> Get(Guid id, CrmSyncRuns runs, CancellationToken ct) =>
        await runs.FindAsync(id, ct) is { } run ? TypedResults.Ok(new CrmSyncReport(run)) : Problems.NotFound($"no sync run '{id}'");
}
