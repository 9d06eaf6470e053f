using System.Text.Json.Nodes;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Runtime;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>Moving running instances to another version: dry run (default) then apply.</summary>
public static class MigrationsApi
{
    public static IEndpointRouteBuilder MapMigrationsApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/playbooks/{id}/migrations", Migrate).WithTags("Versions").RequireAuthorization(Policies.Design)
            .Accepts<MigrationBody>("application/json").ProducesProblem(400)
            .WithSummary("Body: { fromVersion, toVersion (default latest), stepMap: { oldStepId: newStepId }, instanceIds?, dryRun (default true) }");
        return app;
    }

    private static async Task<Results<Ok<MigrationOutcome>, ProblemHttpResult>> Migrate(string id, HttpRequest request, WorkflowRuntime runtime, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadObjectAsync(request, ct);
        if (problem is not null) return problem;
        var errors = new List<(string, string)>();
        if (body!["fromVersion"] is not JsonValue fv || !fv.TryGetValue<int>(out var from)) { errors.Add(("fromVersion", "'fromVersion' (a version number) is required")); from = 0; }
        int? to = body["toVersion"] is JsonValue tv && tv.TryGetValue<int>(out var t) ? t : null;
        if (body["toVersion"] is not null && to is null) errors.Add(("toVersion", "'toVersion' must be a version number"));
        var map = new Dictionary<string, string>();
        if (body["stepMap"] is JsonObject m)
            foreach (var (k, v) in m)
                if (v is JsonValue s && s.TryGetValue<string>(out var target)) map[k] = target;
                else errors.Add(($"stepMap.{k}", "each stepMap value must be a step id of the new version"));
        else if (body["stepMap"] is not null) errors.Add(("stepMap", "'stepMap' must be an object { oldStepId: newStepId }"));
        List<Guid>? ids = null;
        if (body["instanceIds"] is JsonArray list)
        {
            ids = [];
            foreach (var item in list)
                if (item is JsonValue g && g.TryGetValue<string>(out var text) && Guid.TryParse(text, out var guid)) ids.Add(guid);
                else errors.Add(("instanceIds", $"\"{item}\" is not an instance id"));
        }
        var dryRun = body["dryRun"] is not JsonValue d || !d.TryGetValue<bool>(out var dr) || dr;
        if (errors.Count > 0) return Problems.Invalid("The migration request is invalid", errors);

        var (report, error) = await runtime.MigrateAsync(new MigrationRequest(id, from, to, map, ids, dryRun), ct);
        return report is null ? Problems.BadRequest("The migration cannot run", error!) : TypedResults.Ok(new MigrationOutcome(report.PlaybookId, report.FromVersion, report.ToVersion, report.DryRun,
            report.Instances.Count(i => i.CanMigrate), report.Instances.Count(i => !i.CanMigrate), report.Instances.Count(i => i.Applied), report.Instances));
    }
}
