using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Host.Limits;
using CsPlaybooks.Infrastructure.Forecasts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Triggers;
using CsPlaybooks.Success.Simulation;
using Microsoft.Extensions.Options;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// What-if forecast before publishing: a draft (or a version) over the stored book for N weeks next to the published
/// version, as a job resource a UI can poll for a progress bar and cancel (docs/simulation.md).
/// </summary>
public static class ForecastApi
{
    public const int DefaultWeeks = 13;
    public const int DefaultTaskCapacityPerWeek = 25;

    public static IEndpointRouteBuilder MapForecastApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/playbooks/{id}/forecast", Start).WithBodySize(BodySize.Playbook).WithTags("Playbooks").RequireAuthorization(Policies.Design)
            .Accepts<ForecastBody>("application/json").ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Start a forecast: { version: \"draft\" | N, weeks: 13, start, filter: { tier, stage, industry, csmId, tag }, taskCapacityPerWeek: 25 }; 202 with Location /api/forecasts/{jobId}");
        app.MapGet("/api/forecasts/{jobId:guid}", Get).WithTags("Playbooks").RequireAuthorization(Policies.Design).ProducesProblem(404)
            .WithSummary("A forecast job: state, progress { done, total, percent }, and when completed the report");
        app.MapDelete("/api/forecasts/{jobId:guid}", Cancel).WithTags("Playbooks").RequireAuthorization(Policies.Design).ProducesProblem(404).ProducesProblem(409)
            .WithSummary("Cancel a running forecast");
        return app;
    }

    private static async Task<Results<Accepted<ForecastJobView>, ProblemHttpResult>> Start(string id, HttpRequest request, PlaybooksDb db, PlaybookCatalog catalog, ForecastJobs jobs,
        IOptions<TriggerSweepOptions> sweep, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct, allowEmpty: true);
        if (problem is not null) return problem;
        var version = VersionChoice.Read(body!);
        var weeks = body!.Int("weeks", 1, 104) ?? DefaultWeeks;
        var capacity = body.Int("taskCapacityPerWeek", 1, 10_000) ?? DefaultTaskCapacityPerWeek;
        var start = body.Time("start") ?? time.GetUtcNow();
        var filter = body.Nested("filter") is { } f
            ? new AccountFilter(Tier: f.String("tier", FieldLimits.Id), Stage: f.String("stage", FieldLimits.Id), Industry: f.String("industry", FieldLimits.Id),
                CsmId: f.String("csmId", FieldLimits.Id), Tag: f.String("tag", FieldLimits.Id))
            : new AccountFilter();
        if (errors.Count > 0) return Problems.Invalid("The forecast request is invalid", errors);

        var (candidate, playbookProblem) = await SimulatedPlaybooks.ResolveAsync(id, null, version, db, catalog, ct);
        if (playbookProblem is not null) return playbookProblem;
        var published = await SimulatedPlaybooks.PublishedAsync(db, catalog, ct);
        var withCandidate = published.Where(p => p.Definition.Id != id).Prepend(candidate!).ToList();
        var job = jobs.Start(new ForecastPlan(id, withCandidate, published, start, weeks, sweep.Value.SweepCron, capacity,
            new Dictionary<string, string>(), null), filter);
        return TypedResults.Accepted($"/api/forecasts/{job.Id}", Describe(job, candidate!.Definition.Version));
    }

    private static Results<Ok<ForecastJobView>, ProblemHttpResult> Get(Guid jobId, ForecastJobs jobs) =>
        jobs.Find(jobId) is { } job ? TypedResults.Ok(Describe(job, null)) : Problems.NotFound($"no forecast {jobId} (jobs are kept on the node that ran them for {ForecastJobs.KeptFor.TotalHours} hour after they finish)");

    private static Results<Accepted<ForecastJobView>, ProblemHttpResult> Cancel(Guid jobId, ForecastJobs jobs) => jobs.Cancel(jobId) switch
    {
        (CancelOutcome.Cancelled, { } job) => TypedResults.Accepted($"/api/forecasts/{jobId}", Describe(job, null)),
        (CancelOutcome.AlreadyFinished, { } job) => Problems.Conflict($"forecast {jobId} has already finished ({job.State.ToString().ToLowerInvariant()}); there is nothing to cancel"),
        _ => Problems.NotFound($"no forecast {jobId}"),
    };

    private static ForecastJobView Describe(ForecastJob job, int? version) => new(job.Id, job.PlaybookId, version, job.State.ToString().ToLowerInvariant(),
        job.CreatedAt, job.FinishedAt,
        new ForecastProgress(job.Done, job.Total, job.Total == 0 ? (job.State == ForecastState.Completed ? 100 : 0) : 100 * job.Done / job.Total),
        job.Result, job.Error);
}
