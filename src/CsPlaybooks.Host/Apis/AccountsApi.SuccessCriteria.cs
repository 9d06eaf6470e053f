using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Success.Accounts;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>An account's success criteria (baseline → current → target, who agreed and when), read and agreed on the account page.</summary>
public static partial class AccountsApi
{
    private static void MapSuccessCriteria(IEndpointRouteBuilder app)
    {
        app.MapGet("/api/accounts/{id}/success-criteria", GetSuccessCriteria).WithTags("Accounts").RequireAuthorization(Policies.Read).ProducesProblem(404)
            .WithSummary("The account's success criteria with the progress of each (share of the gap from baseline to target closed, 0–100)");
        app.MapPut("/api/accounts/{id}/success-criteria", PutSuccessCriteria).WithTags("Accounts").RequireAuthorization(Policies.EditSuccessCriteria)
            .Accepts<SuccessCriteriaBody>("application/json").ProducesProblem(400).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Replace the success criteria: { criteria: [{ id?, metric, unit?, baseline, current?, target, due?, agreedBy?, agreedAt?, note? }], version? } — version as read by GET; changed meanwhile → 409 (ops, cs-lead; a csm their own accounts); recorded in the account's history");
    }

    /// <param name="Progress">Share of the gap from baseline to target closed, 0–100; null without a usable baseline and target.</param>
    /// <param name="ChangedBy">Who last changed this criterion here, and when (<paramref name="ChangedAt"/>).</param>
    public sealed record SuccessCriterionView(string? Id, string? Metric, string? Unit, double? Baseline, double? Current, double? Target, string? Due,
        string? AgreedBy, string? AgreedAt, string? Note, double? Progress, string? ChangedBy, string? ChangedAt);

    /// <summary>PUT body: the whole list (the server stamps who changed each criterion and when), and the version it was read at.</summary>
    public sealed record SuccessCriteriaBody(IReadOnlyList<SuccessCriterionInput> Criteria, string? Version);

    public sealed record SuccessCriterionInput(string? Id, string Metric, string? Unit, double Baseline, double? Current, double Target, string? Due,
        string? AgreedBy, string? AgreedAt, string? Note);

    /// <param name="Version">What a PUT sends back as <c>version</c>, so a write on criteria changed meanwhile is refused (409).</param>
    public sealed record SuccessCriteriaView(string AccountId, IReadOnlyList<SuccessCriterionView> Criteria, string Version);

    private static async Task<Results<Ok<SuccessCriteriaView>, ProblemHttpResult>> GetSuccessCriteria(string id, AccountStore accounts, CancellationToken ct) =>
        await accounts.FindAsync(id, ct) is { } account
            ? TypedResults.Ok(View(id, account.Json[SuccessCriteria.Field] as JsonArray))
            : Problems.NotFound($"no account '{id}'");

    private static async Task<Results<Ok<SuccessCriteriaView>, ProblemHttpResult>> PutSuccessCriteria(string id, HttpContext http, AccountWriter accounts, CancellationToken ct)
    {
        var own = TasksApi.OwnCsmId(http.User, out var noCsm);
        if (noCsm) return TypedResults.Problem(statusCode: 403, title: "Not allowed", detail: "this csm caller is linked to no CSM, so it has no accounts of its own");
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(http.Request, errors, ct);
        if (problem is not null) return problem;
        var criteria = SuccessCriteria.Read(body!, () => Guid.NewGuid().ToString("N")[..12]);
        var version = body!.String("version", 64);
        if (errors.Count > 0) return Problems.Invalid("The success criteria are invalid", errors);

        var by = http.User.Identity?.Name ?? "api";
        ProblemHttpResult? refused = null;
        JsonArray? stored = null;
        await accounts.EditAsync(id, $"api: {by}", (edit, _) =>
        {
            refused = Refusal(id, edit.Json, own);
            if (refused is not null) return Task.FromResult(false);
            var document = edit.Json!;
            if (version is not null && version != SuccessCriteria.Version(document[SuccessCriteria.Field] as JsonArray))
            {
                refused = TypedResults.Problem(statusCode: 409, title: "Changed meanwhile",
                    detail: "someone else changed these success criteria since you read them; reload to see their change, then make yours again");
                return Task.FromResult(false);
            }
            stored = (JsonArray)criteria.DeepClone();
            SuccessCriteria.Stamp(stored, document[SuccessCriteria.Field] as JsonArray, by, edit.Now);
            document[SuccessCriteria.Field] = stored;
            if (JsonFields.SizeProblem("account", document, FieldLimits.AccountDocumentBytes) is { } tooLarge)
            {
                refused = Problems.Invalid("The success criteria are invalid", [("criteria", tooLarge + "; shorten the notes")]);
                return Task.FromResult(false);
            }
            edit.Reason = "success criteria agreed";
            return Task.FromResult(true);
        }, ct);
        return refused is not null ? refused : TypedResults.Ok(View(id, stored));
    }

    private static ProblemHttpResult? Refusal(string id, JsonObject? account, string? ownCsmId) =>
        account is null ? Problems.NotFound($"no account '{id}'")
        : ownCsmId is not null && (string?)account["csmId"] != ownCsmId
            ? TypedResults.Problem(statusCode: 403, title: "Not your account",
                detail: $"a CSM agrees the success criteria of their own accounts only; '{id}' belongs to {(string?)account["csmId"] ?? "no CSM"}")
        : null;

    private static SuccessCriteriaView View(string id, JsonArray? criteria) => new(id, (criteria ?? []).OfType<JsonObject>().Select(c => new SuccessCriterionView(
        Text(c["id"]), Text(c["metric"]), Text(c["unit"]), SuccessCriteria.Number(c["baseline"]), SuccessCriteria.Number(c["current"]),
        SuccessCriteria.Number(c["target"]), Text(c["due"]), Text(c["agreedBy"]), Text(c["agreedAt"]), Text(c["note"]),
        SuccessCriteria.Progress(c) is { } p ? Math.Round(p, 1) : null, Text(c["changedBy"]), Text(c["changedAt"]))).ToList(), SuccessCriteria.Version(criteria));

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : node is JsonValue n ? n.ToJsonString() : null;
}
