using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Host.Limits;
using CsPlaybooks.Infrastructure.Runtime;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>Many enrolments in one request (a CRM import, a list of accounts to start): read and committed in batches.</summary>
public static class EnrolmentsApi
{
    public const int MaxBatch = 10_000;

    public static IEndpointRouteBuilder MapEnrolmentsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/playbooks/{id}/enrolments/batch", PostBatch).WithBodySize(BodySize.Import).WithTags("Playbooks").RequireAuthorization(Policies.Ingest)
            .Accepts<EnrolmentBatchBody>("application/json").ProducesProblem(400).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Start the latest version for many accounts. Body: { enrolments: [{ accountId, idempotencyKey?, input? }, …] } (up to 10,000); a result per row");
        return app;
    }

    /// <summary>
    /// Every row is checked first (a bad row refuses the whole request, naming <c>enrolments[i].field</c>); then the rows
    /// enrol in batches (<see cref="WorkflowRuntime.EnrolManyAsync"/>), each row answered on its own: started (with its
    /// instance), skipped (already enrolled) or accountNotFound.
    /// </summary>
    private static async Task<Results<Ok<EnrolmentBatchResult>, ProblemHttpResult>> PostBatch(string id, HttpRequest request, WorkflowRuntime runtime, CancellationToken ct)
    {
        const string invalid = "The batch of enrolments is invalid; nothing was started";
        var (items, errors, problem) = await RequestBody.ReadBatchAsync(request, "enrolments", "{ accountId, idempotencyKey?, input? }", MaxBatch, invalid, ct);
        if (problem is not null) return problem;
        var requests = items!.Select(item => Read(item, id, "api")).ToList();
        if (errors.Count > 0) return Problems.Invalid(invalid, errors);

        var results = await runtime.EnrolManyAsync(requests!, ct);
        switch (results[0].Status)
        {
            case EnrolmentStatus.PlaybookNotFound: return Problems.NotFound(results[0].Message);
            case EnrolmentStatus.NotPublished: return Problems.Conflict(results[0].Message);
        }
        return TypedResults.Ok(new EnrolmentBatchResult(results.Count(r => r.Status == EnrolmentStatus.Started),
            results.Select((r, i) => new EnrolmentRowResult(requests[i]!.AccountId, StatusName(r.Status), r.InstanceId, r.Message))));
    }

    /// <summary>One enrolment's fields <c>{ accountId, idempotencyKey?, input? }</c>; null (errors added) when invalid. Also the single enrolment endpoint's.</summary>
    internal static EnrolmentRequest? Read(JsonFields body, string playbookId, string source)
    {
        var before = body.Errors.Count;
        var accountId = body.String("accountId", FieldLimits.Id, required: true);
        var key = body.String("idempotencyKey", FieldLimits.EnrolmentKey);
        if (key is { Length: 0 }) body.Error("idempotencyKey", "'idempotencyKey' must not be empty; leave it out when there is none");
        var input = body.Object("input", FieldLimits.PayloadBytes);
        return body.Errors.Count > before ? null : new EnrolmentRequest(playbookId, accountId!, source, key, input);
    }

    private static string StatusName(EnrolmentStatus status) => status switch
    {
        EnrolmentStatus.Started => "started",
        EnrolmentStatus.Skipped => "skipped",
        _ => "accountNotFound",
    };
}
