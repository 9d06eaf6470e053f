using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Csms;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Success.Csms;
using Microsoft.EntityFrameworkCore;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>CSMs (touch model, capacity, skills, load), assignment of accounts, and CSM-to-CSM handover of a book.</summary>
public static class CsmsApi
{
    public static IEndpointRouteBuilder MapCsmsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/csms").WithTags("CSMs").RequireAuthorization(Policies.Read);
        read.MapGet("/", List).WithSummary("CSMs with their load (accounts whose csmId is the CSM) and capacity");
        read.MapGet("/{id}", Get).ProducesProblem(404).WithSummary("A CSM and the ids of their accounts");
        read.MapGet("/assignments/{accountId}", History).WithSummary("The account's CSM assignment journal");
        var ops = app.MapGroup("/api/csms").WithTags("CSMs").RequireAuthorization(Policies.Design);
        ops.MapPut("/{id}", Put).Accepts<CsmBody>("application/json").ProducesProblem(400).WithSummary("Create or replace: { name, email, graphUserId, touchModel: high|mid|tech, capacity?, industries: [], tiers: [], isLead }");
        ops.MapDelete("/{id}", Delete).ProducesProblem(404).ProducesProblem(409).WithSummary("Remove a CSM with an empty book (hand the book over first)");
        ops.MapPost("/{id}/handover", Handover).Accepts<HandoverBody>("application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409).WithSummary("Hand accounts to another CSM: { toCsmId, accountIds? } (default: the whole book)");
        ops.MapPost("/assignments", Assign).Accepts<AssignBody>("application/json").ProducesProblem(400).ProducesProblem(404).WithSummary("Assign a CSM to an account: { accountId, keepExisting? }; nobody fits → a task for the CS lead");
        return app;
    }

    private static CsmView View(CsmRecord c, int load, AssignmentRules rules) => new(c.Id, c.Name, c.Email, c.GraphUserId, c.TouchModel,
        rules.CapacityOf(CsmService.Profile(c)), c.Capacity, JsonNode.Parse(c.IndustriesJson), JsonNode.Parse(c.TiersJson), c.IsLead, load, c.CreatedAt, c.UpdatedAt);

    private static async Task<Ok<IEnumerable<CsmView>>> List(CsmService csms, CancellationToken ct)
    {
        var (list, loads) = await csms.ListAsync(ct);
        return TypedResults.Ok(list.Select(c => View(c, loads.GetValueOrDefault(c.Id), csms.Rules)));
    }

    private static async Task<Results<Ok<CsmBook>, ProblemHttpResult>> Get(string id, CsmService csms, CancellationToken ct)
    {
        if (await csms.FindAsync(id, ct) is not var (csm, book)) return Problems.NotFound($"no CSM '{id}'");
        return TypedResults.Ok(new CsmBook(View(csm, book.Count, csms.Rules), book));
    }

    private static async Task<Ok<List<CsmAssignmentRecord>>> History(string accountId, CsmService csms, CancellationToken ct) =>
        TypedResults.Ok(await csms.HistoryAsync(accountId, ct));

    private static async Task<Results<Created<CsmSaved>, Ok<CsmSaved>, ProblemHttpResult>> Put(string id, HttpRequest request, CsmService csms, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct);
        if (problem is not null) return problem;
        if (JsonFields.TextProblem("id", id, FieldLimits.Id) is { } idProblem) body!.Error("id", idProblem);
        var name = body!.String("name", FieldLimits.CsmName, required: true);
        var email = body.String("email", FieldLimits.EmailAddress);
        if (email is not null && !email.Contains('@')) body.Error("email", $"'email' is not an email address: \"{email}\"");
        var graphUser = body.String("graphUserId", FieldLimits.GraphUserId);
        var touch = body.String("touchModel", 10) ?? "mid";
        if (!AssignmentRules.TouchModels.Contains(touch)) body.Error("touchModel", $"'touchModel' must be one of {string.Join(", ", AssignmentRules.TouchModels)}");
        var capacity = body.Int("capacity", 0, 100_000);
        var industries = body.Strings("industries", FieldLimits.Id) ?? [];
        var tiers = body.Strings("tiers", FieldLimits.Id) ?? [];
        var isLead = body.Bool("isLead") ?? false;
        if (errors.Count > 0) return Problems.Invalid("The CSM is invalid", errors);

        var (record, created) = await csms.SaveAsync(new CsmDraft(id, name!, email, graphUser, touch, capacity, industries, tiers, isLead), ct);
        var result = new CsmSaved(record.Id, record.Name, record.Email, record.GraphUserId, record.TouchModel, record.Capacity, industries, tiers, record.IsLead);
        return created ? TypedResults.Created($"/api/csms/{id}", result) : TypedResults.Ok(result);
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, CsmService csms, PlaybooksDb db, CancellationToken ct)
    {
        if (await csms.FindAsync(id, ct) is not var (_, book)) return Problems.NotFound($"no CSM '{id}'");
        if (book.Count > 0)
            return Problems.Conflict($"{id} still owns {book.Count} account(s); hand them over first (POST /api/csms/{id}/handover)");
        await using var context = db.Create();
        await context.Csms.Where(c => c.Id == id).ExecuteDeleteAsync(ct);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<HandoverDone>, ProblemHttpResult>> Handover(string id, HttpRequest request, HttpContext http, CsmService csms, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct);
        if (problem is not null) return problem;
        var to = body!.String("toCsmId", FieldLimits.Id, required: true);
        var accounts = body.Strings("accountIds", FieldLimits.Id);
        if (errors.Count > 0) return Problems.Invalid("The handover is invalid", errors);
        var result = await csms.HandoverAsync(id, to!, accounts, http.User.Identity?.Name ?? "api", ct);
        return result.Status switch
        {
            HandoverStatus.Done => TypedResults.Ok(new HandoverDone(result.Message, result.Accounts, result.Tasks)),
            HandoverStatus.NotFound => Problems.NotFound(result.Message),
            HandoverStatus.OverCapacity => Problems.Conflict(result.Message),
            _ => Problems.Invalid("The handover is invalid", [(result.Message.Split(':')[0], result.Message)]),
        };
    }

    private static async Task<Results<Ok<AssignmentOutcome>, ProblemHttpResult>> Assign(HttpRequest request, HttpContext http, CsmService csms, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct);
        if (problem is not null) return problem;
        var accountId = body!.String("accountId", FieldLimits.Id, required: true);
        var keep = body.Bool("keepExisting") ?? true;
        if (errors.Count > 0) return Problems.Invalid("The assignment is invalid", errors);
        var result = await csms.AssignAsync(accountId!, keep, http.User.Identity?.Name ?? "api", ct);
        return result.Status == AssignmentStatus.AccountNotFound
            ? Problems.NotFound(result.Reason)
            : TypedResults.Ok(new AssignmentOutcome(result.Status, result.CsmId, result.Reason, result.LeadTaskId));
    }
}
