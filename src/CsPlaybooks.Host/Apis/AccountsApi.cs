using CsPlaybooks.Infrastructure.Runtime;
using System.Text.Json.Nodes;
using System.Security.Claims;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Host.Limits;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using CsPlaybooks.Success.Accounts;

namespace CsPlaybooks.Host.Apis;

/// <summary>Accounts as integrations push them (the customer-success fields grow with the domain issue).</summary>
public static partial class AccountsApi
{
    public static IEndpointRouteBuilder MapAccountsApi(this IEndpointRouteBuilder app)
    {
        var read = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.Read);
        read.MapGet("/", List).ProducesProblem(400).WithSummary("Accounts, paged, sorted and filtered on the server: q (id or name contains), tier, stage, industry, csmId, healthBand, tag, playbookId (running in it), contractEndFrom/To, sort (id, name, tier, stage, healthScore, contractEnd, updatedAt; '-' descending), skip, take ≤ 500 → { total, items }");
        read.MapGet("/{id}", Get).ProducesProblem(404).WithSummary("The account document as integrations pushed it, with its computed health");
        read.MapGet("/{id}/timeline", Timeline).ProducesProblem(404).WithSummary("The account's whole history, newest first: field changes (who, what, why), events, playbook steps");
        var write = app.MapGroup("/api/accounts").WithTags("Accounts").RequireAuthorization(Policies.Ingest);
        write.MapPut("/{id}", Put).Accepts<JsonObject>("application/json").ProducesProblem(400).WithSummary("Create or replace an account: { name, tier, timeZone, contract: { start, end }, contacts, … }");
        write.MapDelete("/{id}", Delete).RequireAuthorization(Policies.DeleteAccounts).ProducesProblem(404);
        write.MapPost("/{id}/contracts", Renew).Accepts<ContractBody>("application/json").ProducesProblem(400).ProducesProblem(404).WithSummary("A new contract term (renewal): { start, end, value?, currency?, edition?, reason?, note? }; the old one moves to contractHistory and contract.renewed is raised");
        write.MapPost("/import", AccountImport.Import).WithBodySize(BodySize.Import)
            .Accepts<IReadOnlyList<JsonObject>>("application/json", "text/csv").ProducesProblem(400)
            .WithSummary("Bulk import: a JSON array of accounts or text/csv (dotted headers nest) → { imported, rejected, rows: [{ row, id, status, errors }] }");
        MapSuccessCriteria(app);
        return app;
    }

    private static async Task<Results<Ok<Page<JsonObject>>, ProblemHttpResult>> List([AsParameters] AccountFilterParameters filters, string? q, string? playbookId,
        string? contractEndFrom, string? contractEndTo, string? sort, int? skip, int? take, AccountStore accounts, CancellationToken ct)
    {
        var query = new ListQuery();
        var filter = filters.Read(query) with
        {
            Search = query.Text("q", q), PlaybookId = query.Text("playbookId", playbookId),
            ContractEndFrom = query.Date("contractEndFrom", contractEndFrom), ContractEndTo = query.Date("contractEndTo", contractEndTo),
        };
        var (key, descending) = query.Sort(sort, "name", AccountStore.SortKeys);
        var (from, count) = query.Paging(skip, take);
        if (query.Problem is { } problem) return problem;
        var (total, items) = await accounts.ListAsync(filter, key, descending, from, count, ct);
        return TypedResults.Ok(new Page<JsonObject>(total, items.Select(a => a.Json).ToList()));
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Get(string id, AccountStore accounts, CancellationToken ct) =>
        await accounts.FindAsync(id, ct) is { } a ? TypedResults.Ok(a.Json) : Problems.NotFound($"no account '{id}'");

    private static async Task<Results<Ok<IEnumerable<AccountTimelineEntry>>, ProblemHttpResult>> Timeline(string id, int? take, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        if (!await context.Accounts.AnyAsync(a => a.Id == id, ct)) return Problems.NotFound($"no account '{id}'");
        var limit = Math.Clamp(take ?? 200, 1, 2000);
        var changes = await context.AccountHistory.AsNoTracking().Where(h => h.AccountId == id).OrderByDescending(h => h.At).Take(limit).ToListAsync(ct);
        var events = await context.Events.AsNoTracking().Where(e => e.AccountId == id).OrderByDescending(e => e.ReceivedAt).Take(limit).ToListAsync(ct);
        var steps = await context.Journal.AsNoTracking()
            .Join(context.Instances.Where(i => i.AccountId == id), j => j.InstanceId, i => i.Id, (j, i) => new { j.At, j.Kind, j.Summary, j.StepId, i.PlaybookId, i.Version, j.InstanceId, j.Id })
            .OrderByDescending(j => j.Id).Take(limit).ToListAsync(ct);
        var entries = changes.Select(h => new AccountTimelineEntry(h.At, "change", $"{h.Field}: {h.OldValue ?? "–"} → {h.NewValue ?? "–"}", h.Source, h.Reason, null))
            .Concat(events.Select(e => new AccountTimelineEntry(e.ReceivedAt, "event", e.Name, "integration", e.Outcome, null)))
            .Concat(steps.Select(j => new AccountTimelineEntry(j.At, j.Kind, j.Summary, $"{j.PlaybookId} v{j.Version}" + (j.StepId is null ? "" : $", step {j.StepId}"), null, j.InstanceId)))
            .OrderByDescending(e => e.At).Take(limit);
        return TypedResults.Ok(entries);
    }

    public sealed record AccountTimelineEntry(DateTimeOffset At, string Type, string Summary, string Source, string? Detail, Guid? InstanceId);

    private static async Task<Results<Created<JsonObject>, Ok<JsonObject>, ProblemHttpResult>> Put(string id, HttpRequest request, ClaimsPrincipal user, AccountWriter accounts, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadObjectAsync(request, ct);
        if (problem is not null) return problem;
        var (account, errors) = AccountDocument.Read(id, body!);
        if (account is null) return Problems.Invalid("The account is invalid", errors);
        var created = await accounts.ReplaceAsync(id, account.Json, $"api: {user.Identity?.Name}", ct);
        return created ? TypedResults.Created($"/api/accounts/{id}", account.Json) : TypedResults.Ok(account.Json);
    }

    private static async Task<Results<Ok<JsonObject>, ProblemHttpResult>> Renew(string id, HttpRequest request, ClaimsPrincipal user, AccountWriter accounts, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct);
        if (problem is not null) return problem;
        var (start, end) = (body!.Date("start", required: true), body.Date("end", required: true));
        if (start is not null && end is not null && end <= start) body.Error("end", "'end' must be after 'start'");
        var terms = new JsonObject();
        if (body.Number("value", min: 0) is { } value) terms["value"] = value;
        if (body.String("currency", 10) is { } currency) terms["currency"] = currency;
        if (body.String("edition", FieldLimits.Id) is { } edition) terms["edition"] = edition;
        var (reason, note) = (body.String("reason", FieldLimits.Note), body.String("note", FieldLimits.Note));
        if (errors.Count > 0) return Problems.Invalid("The contract is invalid", errors);

        Results<Ok<JsonObject>, ProblemHttpResult>? outcome = null;
        await accounts.EditAsync(id, $"api: {user.Identity?.Name}", (edit, _) =>
        {
            if (edit.Json is not { } document)
            {
                outcome = Problems.NotFound($"no account '{id}'");
                return Task.FromResult(false);
            }
            var contract = new JsonObject { ["start"] = $"{start:yyyy-MM-dd}", ["end"] = $"{end:yyyy-MM-dd}" };
            foreach (var (field, value) in terms) contract[field] = value!.DeepClone();
            ContractRenewal.Apply(edit, document, contract, reason, note);
            var (account, accountErrors) = AccountDocument.Read(id, document);
            if (account is null)
            {
                outcome = Problems.Invalid("The account is invalid", accountErrors);
                return Task.FromResult(false);
            }
            outcome = TypedResults.Ok(account.Json);
            return Task.FromResult(true);
        }, ct);
        return outcome!;
    }

    /// <summary>POST /api/accounts/{id}/contracts: the new term.</summary>
    public sealed record ContractBody(string Start, string End, double? Value, string? Currency, string? Edition, string? Reason, string? Note);

    private static async Task<Results<NoContent, ProblemHttpResult>> Delete(string id, AccountStore accounts, CancellationToken ct) =>
        await accounts.DeleteAsync(id, ct) ? TypedResults.NoContent() : Problems.NotFound($"no account '{id}'");
}
