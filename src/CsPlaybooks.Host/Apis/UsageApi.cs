using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Host.Limits;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Health;
using CsPlaybooks.Success.Health;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>Daily usage in; health out (score, band, each indicator with its weight and value, history).</summary>
public static partial class UsageApi
{
    public static IEndpointRouteBuilder MapUsageApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/accounts/{id}/usage", PostForAccount).WithBodySize(BodySize.Import).WithTags("Usage and health").RequireAuthorization(Policies.Ingest)
            .Accepts<IReadOnlyList<UsageFactBody>>("application/json").Produces<UsageReport>().Produces<UsageReport>(400).ProducesProblem(404)
            .WithSummary("Daily usage: one fact { date, activeUsers, materialInput, contentOutput, featuresUsed, apiCalls } or a list; bad rows are reported, good rows kept");
        app.MapPost("/api/usage", PostBatch).WithBodySize(BodySize.Import).WithTags("Usage and health").RequireAuthorization(Policies.Ingest)
            .Accepts<IReadOnlyList<UsageFactBody>>("application/json").Produces<UsageReport>().Produces<UsageReport>(400)
            .WithSummary("Usage of many accounts: [{ accountId, date, … }]; a per-row report");
        MapHistory(app);
        return app;
    }

    private static async Task<IResult> PostForAccount(string id, HttpRequest request, AccountStore accounts, UsageService usage, CancellationToken ct)
    {
        var (rows, problem) = await ReadRowsAsync(request, ct);
        if (problem is not null) return problem;
        if (await accounts.FindAsync(id, ct) is null) return Problems.NotFound($"no account '{id}'");
        var (facts, rejected) = Parse(rows!, batch: false);
        var health = await usage.RecordAsync(id, facts.Select(f => f.Fact).ToList(), ct);
        return Report(facts.Count, rejected, health is null ? null : HealthUpdate.ToJson(health));
    }

    /// <summary>Many accounts' facts, stored and rescored <see cref="UsageService.AccountBatch"/> accounts per transaction; rows of unknown accounts are rejected.</summary>
    private static async Task<IResult> PostBatch(HttpRequest request, UsageService usage, CancellationToken ct)
    {
        var (rows, problem) = await ReadRowsAsync(request, ct);
        if (problem is not null) return problem;
        var (facts, rejected) = Parse(rows!, batch: true);
        var missing = (await usage.RecordManyAsync(facts.GroupBy(f => f.AccountId!).Select(g => new AccountUsage(g.Key, g.Select(f => f.Fact).ToList())).ToList(), ct)).ToHashSet();
        rejected.AddRange(facts.Where(f => missing.Contains(f.AccountId!)).Select(f => new RejectedRow(f.Index, new() { ["accountId"] = $"no account '{f.AccountId}'" })));
        return Report(facts.Count(f => !missing.Contains(f.AccountId!)), rejected, null);
    }

    /// <summary>One day's usage of an account (<c>accountId</c> only in the many-accounts batch); also accepted as { facts: [...] } or a single object.</summary>
    public sealed record UsageFactBody(string? AccountId, string Date, int? ActiveUsers, double? MaterialInput, double? ContentOutput,
        IReadOnlyList<string>? FeaturesUsed, int? ApiCalls);

    /// <summary>Rows kept, rows rejected (by row number, with the field errors), and the account's new health (single-account form). 400 when no row was kept.</summary>
    public sealed record UsageReport(int Accepted, IEnumerable<RejectedRow> Rejected, JsonObject? Health);

    public sealed record RejectedRow(int Row, Dictionary<string, string> Errors);

    private sealed record ParsedFact(int Index, UsageFact Fact, string? AccountId);

    private static JsonHttpResult<UsageReport> Report(int accepted, List<RejectedRow> rejected, JsonObject? health) =>
        TypedResults.Json(new UsageReport(accepted, rejected.OrderBy(r => r.Row), health),
            statusCode: accepted == 0 && rejected.Count > 0 ? 400 : 200);

    private static async Task<(JsonArray? Rows, ProblemHttpResult? Problem)> ReadRowsAsync(HttpRequest request, CancellationToken ct)
    {
        var (text, problem) = await RequestBody.ReadTextAsync(request, ct);
        if (problem is not null) return (null, problem);
        try
        {
            return JsonNode.Parse(text!) switch
            {
                JsonArray a => (a, null),
                JsonObject { } o when o["facts"] is JsonArray facts => (facts, null),
                JsonObject o => (new JsonArray(o.DeepClone()), null),
                _ => (null, Problems.BadRequest("The request body must be a usage fact or a list", "send { \"date\": \"2026-03-02\", \"activeUsers\": 12, … }")),
            };
        }
        catch (JsonException e)
        {
            return (null, Problems.BadRequest("Malformed JSON", e.Message.Split(" Path:")[0]));
        }
    }

    /// <summary>Each row checked on its own; <paramref name="batch"/> rows also name their account.</summary>
    private static (List<ParsedFact> Facts, List<RejectedRow> Rejected) Parse(JsonArray rows, bool batch)
    {
        var facts = new List<ParsedFact>();
        var rejected = new List<RejectedRow>();
        for (var i = 0; i < rows.Count; i++)
        {
            if (rows[i] is not JsonObject json)
            {
                rejected.Add(new(i, new() { ["row"] = "each row must be an object" }));
                continue;
            }
            var errors = new List<DefinitionError>();
            var row = new JsonFields(json, errors);
            var accountId = batch ? row.String("accountId", FieldLimits.Id, required: true) : null;
            var fact = UsageFact.Read(row);
            if (errors.Count > 0) rejected.Add(new(i, errors.GroupBy(e => e.Field ?? "").ToDictionary(g => g.Key, g => g.First().Message)));
            else facts.Add(new(i, fact, accountId));
        }
        return (facts, rejected);
    }
}
