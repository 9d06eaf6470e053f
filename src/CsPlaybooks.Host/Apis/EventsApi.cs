using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>Events from CRM, billing, telemetry: stored, then delivered to waiting instances and event triggers.</summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", Post).WithTags("Events").RequireAuthorization(Policies.Ingest)
            .WithSummary("Body: { id? (idempotency), name, accountId, data? }. A repeated id is accepted once.");
        app.MapGet("/api/events", List).WithTags("Events").RequireAuthorization(Policies.Read)
            .WithSummary("Recent events, optionally for one account");
        return app;
    }

    private static async Task<IResult> Post(HttpRequest request, WorkflowRuntime runtime, AccountStore accounts, CancellationToken ct)
    {
        var (json, problem) = await RequestBody.ReadObjectAsync(request, ct);
        return problem ?? await AcceptAsync(json!, runtime, accounts, ct);
    }

    /// <summary>Checks an event <c>{ id?, name, accountId, data? }</c> and accepts it: 202, 200 for a repeated id, 400/404 problems. Also the path of signed webhooks.</summary>
    internal static async Task<IResult> AcceptAsync(JsonObject json, WorkflowRuntime runtime, AccountStore accounts, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var body = new JsonFields(json, errors);
        var id = body.String("id", FieldLimits.EventId);
        if (id is { Length: 0 }) body.Error("id", "'id' must not be empty; leave it out if the event has no id of its own");
        var name = body.String("name", FieldLimits.EventName, required: true);
        var accountId = body.String("accountId", FieldLimits.Id, required: true);
        var data = body.Object("data", FieldLimits.PayloadBytes);
        if (errors.Count > 0) return Problems.Invalid("The event is invalid", errors);
        if (await accounts.FindAsync(accountId!, ct) is null)
            return Problems.NotFound($"no account '{accountId}'; create it with PUT /api/accounts/{accountId} before sending its events");

        var (accepted, evt) = await runtime.AcceptEventAsync(id, name!, accountId!, data, ct);
        return Results.Json(new { evt.Id, evt.Name, evt.AccountId, Duplicate = !accepted, evt.ProcessedAt, evt.Outcome }, statusCode: accepted ? 202 : 200);
    }

    private static async Task<IResult> List(string? accountId, int? take, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var query = context.Events.AsNoTracking();
        if (accountId is not null) query = query.Where(e => e.AccountId == accountId);
        var events = await query.OrderByDescending(e => e.ReceivedAt).Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(ct);
        return Results.Ok(events.Select(e => new
        {
            e.Id, e.Name, e.AccountId, Data = e.DataJson is null ? null : JsonNode.Parse(e.DataJson), e.ReceivedAt, e.ProcessedAt, e.Outcome,
        }));
    }
}
