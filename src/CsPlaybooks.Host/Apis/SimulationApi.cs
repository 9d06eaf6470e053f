using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Host.Limits;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Triggers;
using CsPlaybooks.Success.Simulation;
using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// Runs a version (or the draft, or an unsaved definition) for one account on a virtual clock; or every published
/// playbook together (the whole lifecycle). Nothing is stored or sent.
/// </summary>
public static class SimulationApi
{
    public static IEndpointRouteBuilder MapSimulationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/playbooks/{id}/simulate", Simulate).WithBodySize(BodySize.Playbook).WithTags("Playbooks").RequireAuthorization(Policies.Design)
            .Accepts<PlaybookSimulationBody>("application/json").ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Simulate on a virtual clock; the trigger enrols the account when production would. Body: { version | \"draft\", accountId | account, start, until, events: [{ at, name, data }], changes: [{ at, change }], usage: [{ date, activeUsers, … }] } (docs/simulation.md)");
        app.MapPost("/api/simulations/lifecycle", SimulateLifecycle).WithBodySize(BodySize.Playbook).WithTags("Playbooks").RequireAuthorization(Policies.Design)
            .Accepts<LifecycleSimulationBody>("application/json").ProducesProblem(400).ProducesProblem(404)
            .WithSummary("Simulate one account through every published playbook together (or a chosen set, drafts allowed): startPlaybook, stage changes, email governance and tasks across playbooks. Body: { playbooks: [id | { id, version }], accountId | account, start, until, events, changes, usage, taskCompletions: [{ playbook, step, after, result }] } (docs/simulation.md)");
        return app;
    }

    private sealed record Services(PlaybooksDb Db, PlaybookCatalog Catalog, AccountStore Accounts, PlaybookSimulator Simulator, SimulationWorlds Worlds,
        IOptions<TriggerSweepOptions> Sweep, TimeProvider Time);

    private static async Task<Results<Ok<SimulationRun>, ProblemHttpResult>> Simulate(string id, HttpRequest request, [AsParameters] Services services, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct, allowEmpty: true);
        if (problem is not null) return problem;
        var definition = body!.Object("definition", int.MaxValue);
        var version = VersionChoice.Read(body);
        var input = SimulationInput.Read(body, errors, services.Time);
        if (errors.Count > 0) return Problems.Invalid("The simulation request is invalid", errors);

        var (playbook, playbookProblem) = await SimulatedPlaybooks.ResolveAsync(id, definition, version, services.Db, services.Catalog, ct);
        if (playbookProblem is not null) return playbookProblem;
        var (account, accountProblem) = await input.AccountAsync(services.Accounts, ct);
        if (accountProblem is not null) return accountProblem;

        var result = services.Simulator.Run(input.Request(playbook!, account!, services.Sweep.Value.SweepCron, services.Worlds.Create(input.Completions)));
        return TypedResults.Ok(new SimulationRun(playbook!.Definition.Id, playbook.Definition.Version, account!.Id, playbook.Definition.Trigger?.Type ?? "manual",
            result.Status is { } status ? JsonNamingPolicy.CamelCase.ConvertName(status.ToString()) : "notEnrolled", result.WaitingAt,
            result.Enrolments.Select(e => new SimulationEnrolment(e.Number, e.At, e.Source, e.Occurrence, e.Holdout, e.Status, e.WaitingAt)),
            result.Timeline.Select(t => new SimulationStep(t.At, t.StepId, t.Type, t.Summary, t.Detail, t.Enrolment))));
    }

    private static async Task<Results<Ok<LifecycleRun>, ProblemHttpResult>> SimulateLifecycle(HttpRequest request, [AsParameters] Services services, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct, allowEmpty: true);
        if (problem is not null) return problem;
        var choices = ReadChoices(body!);
        var input = SimulationInput.Read(body!, errors, services.Time);
        if (errors.Count > 0) return Problems.Invalid("The simulation request is invalid", errors);

        var playbooks = new List<CompiledPlaybook>();
        if (choices is null) playbooks.AddRange(await SimulatedPlaybooks.PublishedAsync(services.Db, services.Catalog, ct));
        foreach (var (id, version) in choices ?? [])
        {
            var (playbook, playbookProblem) = await SimulatedPlaybooks.ResolveAsync(id, null, version, services.Db, services.Catalog, ct, preferDraft: false);
            if (playbookProblem is not null) return playbookProblem;
            playbooks.Add(playbook!);
        }
        if (playbooks.Count == 0) return Problems.BadRequest("Nothing to simulate", "no playbook is published yet; publish one or name drafts in 'playbooks'");
        var (account, accountProblem) = await input.AccountAsync(services.Accounts, ct);
        if (accountProblem is not null) return accountProblem;

        var result = services.Simulator.Run(input.Request(playbooks[0], account!, services.Sweep.Value.SweepCron, services.Worlds.Create(input.Completions))
            with { Together = playbooks[1..], Deliver = true });
        return TypedResults.Ok(new LifecycleRun(account!.Id, input.Start, input.Until,
            playbooks.Select(p => new LifecyclePlaybook(p.Definition.Id, p.Definition.Version, p.Definition.Trigger?.Type ?? "manual")),
            result.Enrolments.Select(e => new LifecycleEnrolment(e.Playbook, e.Version, e.Number, e.At, e.Source, e.Occurrence, e.Holdout, e.Status, e.WaitingAt)),
            result.Timeline.Select(t => new LifecycleStep(t.At, t.Playbook, t.Enrolment, t.StepId, t.Type, t.Summary, t.Detail)),
            result.Account));
    }

    /// <summary>'playbooks': ids (latest published version) or { id, version: "draft" | N }; null when absent (every published playbook).</summary>
    private static List<(string Id, VersionChoice Version)>? ReadChoices(JsonFields body)
    {
        if (body.Json["playbooks"] is not System.Text.Json.Nodes.JsonArray list)
        {
            if (body.Has("playbooks")) body.Error("playbooks", "'playbooks' must be a list of playbook ids or { \"id\", \"version\" } objects");
            return null;
        }
        var choices = new List<(string, VersionChoice)>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i] is System.Text.Json.Nodes.JsonValue v && v.TryGetValue<string>(out var id) && id.Length is > 0 and <= FieldLimits.Id)
                choices.Add((id, new VersionChoice(false, null)));
            else if (list[i] is System.Text.Json.Nodes.JsonObject o)
            {
                var item = new JsonFields(o, [], $"playbooks[{i}]");
                var itemId = item.String("id", FieldLimits.Id, required: true);
                var version = VersionChoice.Read(item);
                foreach (var e in item.Errors) body.Error("playbooks", e.Message);
                if (itemId is not null) choices.Add((itemId, version));
            }
            else body.Error("playbooks", $"'playbooks[{i}]' must be a playbook id or {{ \"id\", \"version\" }}");
        }
        if (choices.Select(c => c.Item1).Distinct().Count() != choices.Count) body.Error("playbooks", "'playbooks' names a playbook twice");
        return choices;
    }
}
