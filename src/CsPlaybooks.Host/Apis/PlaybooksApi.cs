using System.Security.Claims;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Host.Limits;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>Playbooks: list, create, draft, publish, validate, enrol.</summary>
public static class PlaybooksApi
{
    public static IEndpointRouteBuilder MapPlaybooksApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/playbooks").WithTags("Playbooks").RequireAuthorization(Policies.Read);
        read.MapGet("/", List).WithSummary("Every playbook: latest version, draft state, accounts running per version");
        read.MapGet("/{id}", Get).WithSummary("A playbook with its latest published definition and its draft");
        read.MapGet("/{id}/draft", GetDraft).WithSummary("The draft definition");

        var design = app.MapGroup("/api/playbooks").WithTags("Playbooks").RequireAuthorization(Policies.Design);
        design.MapPost("/", Create).WithBodySize(BodySize.Playbook).WithSummary("Create a playbook; the body (a definition) becomes its first draft");
        design.MapPut("/{id}/draft", SaveDraft).WithBodySize(BodySize.Playbook).WithSummary("Replace the draft (validated; nothing is saved when invalid)");
        design.MapPost("/{id}/publish", Publish).WithSummary("Freeze the draft as the next version. Body: { \"note\": \"…\" }");
        design.MapPost("/validate", Validate).WithBodySize(BodySize.Playbook).WithSummary("Check a definition: { valid, errors: [{ stepId, field, message }] }");
        app.MapPost("/api/playbooks/{id}/enrolments", Enrol).WithTags("Playbooks").RequireAuthorization(Policies.Ingest)
            .WithSummary("Start the latest version for an account. Body: { \"accountId\": \"…\", \"input\": { … } }");
        return app;
    }

    private static async Task<IResult> List(PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var playbooks = await context.Playbooks.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var running = await context.Instances.AsNoTracking().Where(i => i.Status == "running" || i.Status == "faulted")
            .GroupBy(i => new { i.PlaybookId, i.Version }).Select(g => new { g.Key.PlaybookId, g.Key.Version, Count = g.Count() }).ToListAsync(ct);
        return Results.Ok(playbooks.Select(p => new
        {
            p.Id, p.Name, p.LatestVersion, HasDraft = p.DraftJson is not null, p.DraftUpdatedAt, p.UpdatedAt,
            Running = running.Where(r => r.PlaybookId == p.Id).OrderBy(r => r.Version).Select(r => new { r.Version, r.Count }),
        }));
    }

    private static async Task<IResult> Get(string id, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var p = await context.Playbooks.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Problems.NotFound($"no playbook '{id}'");
        var published = p.LatestVersion == 0 ? null
            : await context.PlaybookVersions.AsNoTracking().Where(v => v.PlaybookId == id && v.Version == p.LatestVersion).Select(v => v.Json).FirstAsync(ct);
        return Results.Ok(new
        {
            p.Id, p.Name, p.LatestVersion, HasDraft = p.DraftJson is not null, p.DraftUpdatedAt, p.UpdatedAt,
            Published = published is null ? null : JsonNode.Parse(published),
            Draft = p.DraftJson is null ? null : JsonNode.Parse(p.DraftJson),
        });
    }

    private static async Task<IResult> GetDraft(string id, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var draft = await context.Playbooks.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.DraftJson }).FirstOrDefaultAsync(ct);
        if (draft is null) return Problems.NotFound($"no playbook '{id}'");
        return draft.DraftJson is null ? Problems.NotFound($"'{id}' has no draft; revert a version or PUT a new draft") : Results.Text(draft.DraftJson, "application/json");
    }

    private static async Task<IResult> Create(HttpRequest request, PlaybookService playbooks, CancellationToken ct)
    {
        var (text, problem) = await RequestBody.ReadTextAsync(request, ct);
        if (problem is not null) return problem;
        var result = await playbooks.CreateAsync(text!, ct);
        if (result.Status != PlaybookCommandStatus.Ok) return ToProblem(result);
        var id = PlaybookJson.Read(text!).Definition!.Id;
        return Results.Created($"/api/playbooks/{id}", new { id, draft = true });
    }

    private static async Task<IResult> SaveDraft(string id, HttpRequest request, PlaybookService playbooks, CancellationToken ct)
    {
        var (text, problem) = await RequestBody.ReadTextAsync(request, ct);
        if (problem is not null) return problem;
        var result = await playbooks.SaveDraftAsync(id, text!, ct);
        return result.Status == PlaybookCommandStatus.Ok ? Results.Ok(new { id, draft = true }) : ToProblem(result);
    }

    private static async Task<IResult> Publish(string id, HttpRequest request, ClaimsPrincipal user, PlaybookService playbooks, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct, allowEmpty: true);
        if (problem is not null) return problem;
        var note = body!.String("note", FieldLimits.Note);
        if (errors.Count > 0) return Problems.Invalid("The publish request is invalid", errors);
        var result = await playbooks.PublishAsync(id, note, user.Identity?.Name, ct);
        return result.Status == PlaybookCommandStatus.Ok ? Results.Ok(new { id, version = result.Version }) : ToProblem(result);
    }

    private static async Task<IResult> Validate(HttpRequest request, PlaybookService playbooks, CancellationToken ct)
    {
        var (text, problem) = await RequestBody.ReadTextAsync(request, ct);
        if (problem is not null) return problem;
        var result = playbooks.Validate(text!);
        return Results.Ok(new { valid = result.IsValid, errors = result.Errors.Select(e => new { e.StepId, e.Field, e.Message }) });
    }

    private static async Task<IResult> Enrol(string id, HttpRequest request, WorkflowRuntime runtime, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct);
        if (problem is not null) return problem;
        var enrolment = EnrolmentsApi.Read(body!, id, "api");
        if (errors.Count > 0) return Problems.Invalid("The enrolment is invalid", errors);
        var result = await runtime.EnrolAsync(enrolment!, ct);
        return result.Status switch
        {
            EnrolmentStatus.Started => Results.Created($"/api/instances/{result.InstanceId}", new { instanceId = result.InstanceId, message = result.Message }),
            EnrolmentStatus.Skipped => Problems.Conflict(result.Message),
            EnrolmentStatus.NotPublished => Problems.Conflict(result.Message),
            _ => Problems.NotFound(result.Message),
        };
    }

    internal static IResult ToProblem(PlaybookCommandResult result) => result.Status switch
    {
        PlaybookCommandStatus.Invalid => Problems.Invalid("The playbook is invalid", result.Errors),
        PlaybookCommandStatus.NotFound => Problems.NotFound(result.Message!),
        _ => Problems.Conflict(result.Message!),
    };
}
