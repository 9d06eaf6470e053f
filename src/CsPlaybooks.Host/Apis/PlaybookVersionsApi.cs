using System.Text.Json.Nodes;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Playbooks;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>Version history, one version, revert, and where the running instances of a version wait.</summary>
public static class PlaybookVersionsApi
{
    public static IEndpointRouteBuilder MapPlaybookVersionsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/playbooks/{id}/versions").WithTags("Versions").RequireAuthorization(Policies.Read);
        read.MapGet("/", List).ProducesProblem(404).WithSummary("Published versions, newest first, with running-instance counts");
        read.MapGet("/{version:int}", Get).ProducesProblem(404).WithSummary("One published version's definition");
        read.MapGet("/{version:int}/runtime", Runtime).WithSummary("How many instances of this version are at each step");
        app.MapPost("/api/playbooks/{id}/versions/{version:int}/revert", Revert).WithTags("Versions").RequireAuthorization(Policies.Design).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Copy this version into a new draft (replaces the current draft)");
        return app;
    }

    private static async Task<Results<Ok<IEnumerable<VersionSummary>>, ProblemHttpResult>> List(string id, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        if (!await context.Playbooks.AnyAsync(p => p.Id == id, ct)) return Problems.NotFound($"no playbook '{id}'");
        var versions = await context.PlaybookVersions.AsNoTracking().Where(v => v.PlaybookId == id).OrderByDescending(v => v.Version)
            .Select(v => new { v.Version, v.Note, v.PublishedAt, v.PublishedBy, v.TriggerType }).ToListAsync(ct);
        var counts = await context.Instances.AsNoTracking().Where(i => i.PlaybookId == id).GroupBy(i => new { i.Version, i.Status })
            .Select(g => new { g.Key.Version, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return TypedResults.Ok(versions.Select(v => new VersionSummary(v.Version, v.Note, v.PublishedAt, v.PublishedBy, v.TriggerType,
            counts.Where(c => c.Version == v.Version).ToDictionary(c => c.Status, c => c.Count))));
    }

    private static async Task<Results<Ok<VersionDetail>, ProblemHttpResult>> Get(string id, int version, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var v = await context.PlaybookVersions.AsNoTracking().FirstOrDefaultAsync(x => x.PlaybookId == id && x.Version == version, ct);
        return v is null
            ? Problems.NotFound($"'{id}' has no version {version}")
            : TypedResults.Ok(new VersionDetail(v.Version, v.Note, v.PublishedAt, v.PublishedBy, JsonNode.Parse(v.Json)));
    }

    private static async Task<Ok<VersionRuntime>> Runtime(string id, int version, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var waiting = await context.Bookmarks.AsNoTracking()
            .Join(context.Instances.Where(i => i.PlaybookId == id && i.Version == version), b => b.InstanceId, i => i.Id, (b, i) => b.StepId)
            .GroupBy(s => s).Select(g => new { StepId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var faulted = await context.Instances.AsNoTracking().Where(i => i.PlaybookId == id && i.Version == version && i.Status == "faulted")
            .GroupBy(i => i.FaultedStepId).Select(g => new { StepId = g.Key, Count = g.Count() }).ToListAsync(ct);
        return TypedResults.Ok(new VersionRuntime(id, version, waiting.ToDictionary(w => w.StepId, w => w.Count),
            faulted.Where(f => f.StepId != null).ToDictionary(f => f.StepId!, f => f.Count)));
    }

    private static async Task<Results<Ok<DraftReverted>, ProblemHttpResult>> Revert(string id, int version, PlaybookService playbooks, CancellationToken ct)
    {
        var result = await playbooks.RevertAsync(id, version, ct);
        return result.Status == PlaybookCommandStatus.Ok ? TypedResults.Ok(new DraftReverted(id, version)) : PlaybooksApi.ToProblem(result);
    }
}
