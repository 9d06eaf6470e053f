using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Host.Limits;
using CsPlaybooks.Infrastructure.Events;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.EntityFrameworkCore;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>Events from CRM, billing, telemetry: stored, then delivered to waiting instances and event triggers.</summary>
public static class EventsApi
{
    public static IEndpointRouteBuilder MapEventsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/events", Post).WithTags("Events").RequireAuthorization(Policies.Ingest)
            .Accepts<EventBody>("application/json").Produces<EventAccepted>(202).Produces<EventAccepted>().ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Body: { id? (idempotency), name, accountId, data? }. A repeated id is accepted once.");
        app.MapPost("/api/events/batch", PostBatch).WithBodySize(BodySize.Import).WithTags("Events").RequireAuthorization(Policies.Ingest)
            .Accepts<EventBatchBody>("application/json").Produces<EventBatchAccepted>(202).Produces<EventBatchAccepted>().ProducesProblem(400)
            .WithSummary("Body: { events: [{ id, name, accountId, data? }, …] } (up to 10,000). All or nothing: 202 once stored; delivered by the event queue; repeated ids are reported as duplicates.");
        app.MapGet("/api/events", List).WithTags("Events").RequireAuthorization(Policies.Read)
            .WithSummary("Recent events, optionally for one account");
        return app;
    }

    private static async Task<IResult> Post(HttpRequest request, WorkflowRuntime runtime, CancellationToken ct)
    {
        var (json, problem) = await RequestBody.ReadObjectAsync(request, ct);
        return problem ?? await AcceptAsync(json!, runtime, ct);
    }

    /// <summary>Checks an event <c>{ id?, name, accountId, data? }</c> and accepts it: 202, 200 for a repeated id, 400/404 problems. Also the path of signed webhooks.</summary>
    internal static async Task<IResult> AcceptAsync(JsonObject json, WorkflowRuntime runtime, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var e = Read(new JsonFields(json, errors), idRequired: false);
        if (errors.Count > 0) return Problems.Invalid("The event is invalid", errors);

        var result = await runtime.AcceptEventAsync(e!.Id, e.Name, e.AccountId, e.Data, ct);
        if (result.Event is not { } evt)
            return Problems.NotFound($"no account '{e.AccountId}'; create it with PUT /api/accounts/{e.AccountId} before sending its events");
        var accepted = result.Status == EventAcceptStatus.Accepted;
        return TypedResults.Json(new EventAccepted(evt.Id, evt.Name, evt.AccountId, !accepted, evt.ProcessedAt, evt.Outcome), statusCode: accepted ? 202 : 200);
    }

    /// <summary>
    /// Many events in one request: all checked first (a bad event or an unknown account refuses the whole batch with a
    /// problem naming <c>events[i].field</c>, storing nothing), then stored in one transaction and answered 202 once
    /// durable; delivery follows through the event queue. Idempotent per event id (required here).
    /// </summary>
    private static async Task<IResult> PostBatch(HttpRequest request, WorkflowRuntime runtime, CancellationToken ct)
    {
        const string invalid = "The batch of events is invalid; nothing was stored";
        var (items, errors, problem) = await RequestBody.ReadBatchAsync(request, "events", "{ id, name, accountId, data? }", MaxBatch, invalid, ct);
        if (problem is not null) return problem;
        var batch = items!.Select(item => Read(item, idRequired: true)).ToList();
        if (errors.Count > 0) return Problems.Invalid(invalid, errors);

        var (duplicates, unknown) = await runtime.StoreEventsAsync(batch!, ct);
        if (unknown.Count > 0)
        {
            var missing = unknown.ToHashSet();
            return Problems.Invalid("The batch names accounts that do not exist; nothing was stored", batch.Select((e, i) => (e!, i))
                .Where(x => missing.Contains(x.Item1.AccountId))
                .Select(x => new DefinitionError(null, $"events[{x.i}].accountId", $"no account '{x.Item1.AccountId}'; create it with PUT /api/accounts/{x.Item1.AccountId} first")).ToList());
        }
        var accepted = batch.Count - duplicates.Count;
        return TypedResults.Json(new EventBatchAccepted(accepted, duplicates), statusCode: accepted > 0 ? 202 : 200);
    }

    public const int MaxBatch = 10_000;

    /// <summary>One event's fields; null (errors added) when invalid.</summary>
    private static NewEvent? Read(JsonFields body, bool idRequired)
    {
        var id = body.String("id", FieldLimits.EventId, required: idRequired);
        if (id is { Length: 0 }) body.Error("id", "'id' must not be empty; leave it out if the event has no id of its own");
        var name = body.String("name", FieldLimits.EventName, required: true);
        var accountId = body.String("accountId", FieldLimits.Id, required: true);
        var data = body.Object("data", FieldLimits.PayloadBytes);
        return name is null || accountId is null || id is { Length: 0 } || (idRequired && id is null) ? null : new NewEvent(id!, name, accountId, data);
    }

    private static async Task<Ok<IEnumerable<EventView>>> List(string? accountId, int? take, PlaybooksDb db, CancellationToken ct)
    {
        await using var context = db.Create();
        var query = context.Events.AsNoTracking();
        if (accountId is not null) query = query.Where(e => e.AccountId == accountId);
        var events = await query.OrderByDescending(e => e.ReceivedAt).Take(Math.Clamp(take ?? 100, 1, 1000)).ToListAsync(ct);
        return TypedResults.Ok(events.Select(e => new EventView(e.Id, e.Name, e.AccountId, e.DataJson is null ? null : JsonNode.Parse(e.DataJson), e.ReceivedAt,
            e.ProcessedAt, e.Outcome)));
    }
}
