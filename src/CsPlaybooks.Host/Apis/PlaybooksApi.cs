using System.Security.Claims;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Host.Limits;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>Playbooks: list, create, draft, publish, validate, enrol.</summary>
public static class PlaybooksApi
{
    public static IEndpointRouteBuilder MapPlaybooksApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/playbooks").WithTags("Playbooks").RequireAuthorization(Policies.Read);
        read.MapGet("/", List).WithSummary("Every playbook: latest version, draft state, accounts running per version");
        read.MapGet("/{id}", Get).ProducesProblem(404).WithSummary("A playbook with its latest published definition and its draft");
        read.MapGet("/{id}/draft", GetDraft).Produces<JsonObject>().ProducesProblem(404).WithSummary("The draft definition");

        var design = app.MapGroup("/api/playbooks").WithTags("Playbooks").RequireAuthorization(Policies.Design);
        design.MapPost("/", Create).WithBodySize(BodySize.Playbook).Accepts<JsonObject>("application/json").ProducesProblem(400).ProducesProblem(409).WithSummary("Create a playbook; the body (a definition) becomes its first draft");
        design.MapPut("/{id}/draft", SaveDraft).WithBodySize(BodySize.Playbook).Accepts<JsonObject>("application/json").ProducesProblem(400).ProducesProblem(404).WithSummary("Replace the draft (validated; nothing is saved when invalid)");
        design.MapPost("/{id}/publish", Publish).Accepts<PublishRequest>("application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).WithSummary("Freeze the draft as the next version. Body: { \"note\": \"…\" }");
        design.MapPost("/validate", Validate).WithBodySize(BodySize.Playbook).Accepts<JsonObject>("application/json").ProducesProblem(400).WithSummary("Check a definition: { valid, errors: [{ stepId, field, message }] }");
        app.MapPost("/api/playbooks/{id}/enrolments", Enrol).WithTags("Playbooks").RequireAuthorization(Policies.Ingest)
            .Accepts<EnrolBody>("application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Start the latest version for an account. Body: { \"accountId\": \"…\", \"input\": { … } }");
        return app;
    }

    private static async Task<Ok<IEnumerable<PlaybookSummary>>> List(PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var playbooks = await context.Playbooks.AsNoTracking().OrderBy(p => p.Id).ToListAsync(ct);
        var running = await context.Instances.AsNoTracking().Where(i => i.Status == "running" || i.Status == "faulted")
            .GroupBy(i => new { i.PlaybookId, i.Version }).Select(g => new { g.Key.PlaybookId, g.Key.Version, Count = g.Count() }).ToListAsync(ct);
        return TypedResults.Ok(playbooks.Select(p => new PlaybookSummary(p.Id, p.Name, p.LatestVersion, p.DraftJson is not null, p.DraftUpdatedAt, p.UpdatedAt,
            running.Where(r => r.PlaybookId == p.Id).OrderBy(r => r.Version).Select(r => new RunningCount(r.Version, r.Count)))));
    }

    private static async Task<Results<Ok<PlaybookDetail>, ProblemHttpResult>> Get(string id, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var p = await context.Playbooks.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (p is null) return Problems.NotFound($"no playbook '{id}'");
        var published = p.LatestVersion == 0 ? null
            : await context.PlaybookVersions.AsNoTracking().Where(v => v.PlaybookId == id && v.Version == p.LatestVersion).Select(v => v.Json).FirstAsync(ct);
        return TypedResults.Ok(new PlaybookDetail(p.Id, p.Name, p.LatestVersion, p.DraftJson is not null, p.DraftUpdatedAt, p.UpdatedAt,
            published is null ? null : JsonNode.Parse(published), p.DraftJson is null ? null : JsonNode.Parse(p.DraftJson)));
    }

    private static async Task<IResult> GetDraft(string id, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var draft = await context.Playbooks.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.DraftJson }).FirstOrDefaultAsync(ct);
        if (draft is null) return Problems.NotFound($"no playbook '{id}'");
        return draft.DraftJson is null ? Problems.NotFound($"'{id}' has no draft; revert a version or PUT a new draft") : Results.Text(draft.DraftJson, "application/json");
    }

    private static async Task<Results<Created<DraftSaved>, ProblemHttpResult>> Create(HttpRequest request, PlaybookService playbooks, CancellationToken ct)
    {
        var (text, problem) = await RequestBody.ReadTextAsync(request, ct);
        if (problem is not null) return problem;
        var result = await playbooks.CreateAsync(text!, ct);
        if (result.Status != PlaybookCommandStatus.Ok) return ToProblem(result);
        var id = PlaybookJson.Read(text!).Definition!.Id;
        return TypedResults.Created($"/api/playbooks/{id}", new DraftSaved(id, true));
    }

    private static async Task<Results<Ok<DraftSaved>, ProblemHttpResult>> SaveDraft(string id, HttpRequest request, PlaybookService playbooks, CancellationToken ct)
    {
        var (text, problem) = await RequestBody.ReadTextAsync(request, ct);
        if (problem is not null) return problem;
        var result = await playbooks.SaveDraftAsync(id, text!, ct);
        return result.Status == PlaybookCommandStatus.Ok ? TypedResults.Ok(new DraftSaved(id, true)) : ToProblem(result);
    }

    private static async Task<Results<Ok<Published>, ProblemHttpResult>> Publish(string id, HttpRequest request, ClaimsPrincipal user, PlaybookService playbooks, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct, allowEmpty: true);
        if (problem is not null) return problem;
        var note = body!.String("note", FieldLimits.Note);
        if (errors.Count > 0) return Problems.Invalid("The publish request is invalid", errors);
        var result = await playbooks.PublishAsync(id, note, user.Identity?.Name, ct);
        return result.Status == PlaybookCommandStatus.Ok ? TypedResults.Ok(new Published(id, result.Version)) : ToProblem(result);
    }

    private static async Task<Results<Ok<DefinitionCheck>, ProblemHttpResult>> Validate(HttpRequest request, PlaybookService playbooks, CancellationToken ct)
    {
        var (text, problem) = await RequestBody.ReadTextAsync(request, ct);
        if (problem is not null) return problem;
        var result = playbooks.Validate(text!);
        return TypedResults.Ok(new DefinitionCheck(result.IsValid, result.Errors.Select(e => new ProblemEntry(e.StepId, e.Field, e.Message))));
    }

    private static async Task<Results<Created<EnrolmentStarted>, ProblemHttpResult>> Enrol(string id, HttpRequest request, WorkflowRuntime runtime, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct);
        if (problem is not null) return problem;
        var enrolment = EnrolmentsApi.Read(body!, id, "api");
        if (errors.Count > 0) return Problems.Invalid("The enrolment is invalid", errors);
        var result = await runtime.EnrolAsync(enrolment!, ct);
        return result.Status switch
        {
            EnrolmentStatus.Started => TypedResults.Created($"/api/instances/{result.InstanceId}", new EnrolmentStarted(result.InstanceId, result.Message)),
            EnrolmentStatus.Skipped => Problems.Conflict(result.Message),
            EnrolmentStatus.NotPublished => Problems.Conflict(result.Message),
            _ => Problems.NotFound(result.Message),
        };
    }

    internal static ProblemHttpResult ToProblem(PlaybookCommandResult result) => result.Status switch
    {
        PlaybookCommandStatus.Invalid => Problems.Invalid("The playbook is invalid", result.Errors),
        PlaybookCommandStatus.NotFound => Problems.NotFound(result.Message!),
        _ => Problems.Conflict(result.Message!),
    };
}
