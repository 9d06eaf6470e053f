using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Host.Limits;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Infrastructure.Triggers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Apis;

/// <summary>Runs a version (or the draft, or an unsaved definition) for one account on a virtual clock. Nothing is stored or sent.</summary>
public static class SimulationApi
{
    public static IEndpointRouteBuilder MapSimulationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/playbooks/{id}/simulate", Simulate).WithBodySize(BodySize.Playbook).WithTags("Playbooks").RequireAuthorization(Policies.Design)
            .WithSummary("Simulate on a virtual clock; the trigger enrols the account when production would. Body: { version | \"draft\", accountId | account, start, until, events: [{ at, name, data }], changes: [{ at, change }] } (docs/simulation.md)");
        return app;
    }

    private static async Task<IResult> Simulate(string id, HttpRequest request, PlaybooksDb db, PlaybookCatalog catalog, AccountStore accounts,
        PlaybookSimulator simulator, IOptions<TriggerSweepOptions> sweep, TimeProvider time, CancellationToken ct)
    {
        var errors = new List<DefinitionError>();
        var (body, problem) = await RequestBody.ReadFieldsAsync(request, errors, ct, allowEmpty: true);
        if (problem is not null) return problem;
        var definition = body!.Object("definition", int.MaxValue);
        var version = ReadVersion(body);
        var inline = body.Object("account", FieldLimits.AccountDocumentBytes);
        var accountId = body.String("accountId", FieldLimits.Id);
        var start = body.Time("start") ?? time.GetUtcNow();
        var until = body.Time("until") ?? start.AddYears(1);
        if (until <= start) body.Error("until", "'until' must be after 'start'");
        if (until - start > TimeSpan.FromDays(366 * 10)) body.Error("until", "simulate at most 10 years");
        var events = new List<ScriptedEvent>();
        foreach (var e in body.Objects("events") ?? [])
        {
            var name = e.String("name", FieldLimits.EventName, required: true);
            var at = e.Time("at") ?? start;
            var data = e.Object("data", FieldLimits.PayloadBytes);
            if (name is not null) events.Add(new ScriptedEvent(at, name, data));
        }
        var changes = new List<ScriptedChange>();
        foreach (var c in body.Objects("changes") ?? [])
        {
            var at = c.Time("at") ?? start;
            var change = c.Object("change", FieldLimits.AccountDocumentBytes);
            if (change is null) c.Error("change", "'change' is required: the fields to merge into the account, e.g. { \"stage\": \"at-risk\" }");
            else changes.Add(new ScriptedChange(at, change));
        }
        AccountDocument? account = null;
        if (inline is not null)
        {
            var (read, accountErrors) = AccountDocument.Read(inline.String("id") ?? "sample", inline);
            errors.AddRange(accountErrors.Select(e => e with { Field = $"account.{e.Field}" }));
            account = read;
        }
        if (errors.Count > 0) return Problems.Invalid("The simulation request is invalid", errors);

        var (playbook, playbookProblem) = await ResolvePlaybookAsync(id, definition, version, db, catalog, ct);
        if (playbookProblem is not null) return playbookProblem;
        if (account is null && accountId is not null)
        {
            account = await accounts.FindAsync(accountId, ct);
            if (account is null) return Problems.NotFound($"no account '{accountId}'");
        }

        account ??= SampleAccount(start);
        var context = new InstanceContext(Guid.Empty, account.Id, account.Zone, start, account.ToTemplateModel());
        var result = simulator.Run(new SimulationRequest(playbook!, context, start, until, events)
        {
            Account = account.Json, Changes = changes, SweepCron = sweep.Value.SweepCron,
        });
        return Results.Ok(new
        {
            playbookId = playbook!.Definition.Id,
            version = playbook.Definition.Version,
            accountId = account.Id,
            trigger = playbook.Definition.Trigger?.Type ?? "manual",
            status = result.Status is { } status ? (object)status : "notEnrolled",
            waitingAt = result.WaitingAt,
            enrolments = result.Enrolments.Select(e => new { e.Number, e.At, e.Source, e.Occurrence, e.Holdout, e.Status, e.WaitingAt }),
            timeline = result.Timeline.Select(t => new { t.At, t.StepId, t.Type, t.Summary, t.Detail, t.Enrolment }),
        });
    }

    /// <summary>"draft", a version number, or nothing (the draft if there is one, else the latest version).</summary>
    private static (bool Draft, int? Number) ReadVersion(JsonFields body)
    {
        var node = body.Json["version"];
        if (node is null) return (false, null);
        if (node is JsonValue v && v.TryGetValue<string>(out var text) && text == "draft") return (true, null);
        if (node is JsonValue n && n.TryGetValue<int>(out var number) && number >= 1) return (false, number);
        body.Error("version", $"'version' must be \"draft\" or a version number, not {JsonFields.Describe(node)}");
        return (false, null);
    }

    private static async Task<(CompiledPlaybook?, IResult?)> ResolvePlaybookAsync(string id, JsonObject? inline, (bool Draft, int? Number) version,
        PlaybooksDb db, PlaybookCatalog catalog, CancellationToken ct)
    {
        if (inline is not null)
        {
            var compiled = catalog.Compiler.Compile(inline.ToJsonString());
            return compiled.IsValid ? (compiled.Playbook, null) : (null, Problems.Invalid("The playbook is invalid", compiled.Errors));
        }
        await using var context = db.Create();
        var record = await context.Playbooks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (record is null) return (null, Problems.NotFound($"no playbook '{id}'"));
        if (version.Draft || (version.Number is null && record.DraftJson is not null))
        {
            if (record.DraftJson is null) return (null, Problems.NotFound($"'{id}' has no draft"));
            var compiled = catalog.Compiler.Compile(record.DraftJson);
            return compiled.IsValid ? (compiled.Playbook, null) : (null, Problems.Invalid("The draft is invalid", compiled.Errors));
        }
        var number = version.Number ?? record.LatestVersion;
        var playbook = number > 0 ? await catalog.GetAsync(id, number, ct) : null;
        return playbook is null ? (null, Problems.NotFound($"'{id}' has no version {number}")) : (playbook, null);
    }

    /// <summary>A KA account with a 12-month contract from the simulation start, for trying a playbook without data.</summary>
    private static AccountDocument SampleAccount(DateTimeOffset start) => AccountDocument.Read("sample", new JsonObject
    {
        ["name"] = "Sample Co", ["tier"] = "KA", ["isNew"] = true, ["timeZone"] = "UTC", ["stage"] = "onboarding", ["industry"] = "retail",
        ["contract"] = new JsonObject { ["start"] = start.ToString("yyyy-MM-dd"), ["end"] = start.AddYears(1).ToString("yyyy-MM-dd"), ["value"] = 12000, ["currency"] = "EUR" },
        ["contacts"] = new JsonArray(new JsonObject { ["id"] = "c1", ["name"] = "Dana Decider", ["email"] = "dana@example.com", ["role"] = "decision-maker" }),
    }).Account!;
}
