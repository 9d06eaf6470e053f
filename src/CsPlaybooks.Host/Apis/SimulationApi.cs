using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Success.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Apis;

/// <summary>Runs a version (or the draft, or an unsaved definition) for one account on a virtual clock. Nothing is stored or sent.</summary>
public static class SimulationApi
{
    public static IEndpointRouteBuilder MapSimulationApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/playbooks/{id}/simulate", Simulate).WithTags("Playbooks").RequireAuthorization(Policies.Design)
            .WithSummary("Simulate on a virtual clock. Body: { version | \"draft\", accountId | account, start, until, events: [{ at, name, data }] }");
        return app;
    }

    private static async Task<IResult> Simulate(string id, HttpRequest request, PlaybooksDb db, PlaybookCatalog catalog, AccountStore accounts,
        PlaybookSimulator simulator, TimeProvider time, CancellationToken ct)
    {
        var (body, problem) = await RequestBody.ReadObjectAsync(request, ct, allowEmpty: true);
        if (problem is not null) return problem;
        var errors = new List<(string Field, string Message)>();

        var (playbook, playbookProblem) = await ResolvePlaybookAsync(id, body!, db, catalog, ct);
        if (playbookProblem is not null) return playbookProblem;

        AccountDocument? account = null;
        if (body!["account"] is JsonObject inline)
        {
            var (read, accountErrors) = AccountDocument.Read(inline.String("id") ?? "sample", inline);
            errors.AddRange(accountErrors.Select(e => ($"account.{e.Field}", e.Message)));
            account = read;
        }
        else if (body.String("accountId") is { } accountId)
        {
            account = await accounts.FindAsync(accountId, ct);
            if (account is null) return Problems.NotFound($"no account '{accountId}'");
        }
        var start = body.Time("start", errors) ?? time.GetUtcNow();
        var until = body.Time("until", errors) ?? start.AddYears(1);
        if (until <= start) errors.Add(("until", "'until' must be after 'start'"));
        if (until - start > TimeSpan.FromDays(366 * 10)) errors.Add(("until", "simulate at most 10 years"));
        var events = new List<ScriptedEvent>();
        if (body["events"] is JsonArray list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (list[i] is not JsonObject e || e.String("name") is not { Length: > 0 } name)
                {
                    errors.Add(($"events[{i}]", "each event needs a 'name' and an 'at'"));
                    continue;
                }
                var at = e.Time("at", errors) ?? start;
                events.Add(new ScriptedEvent(at, name, e["data"] as JsonObject));
            }
        }
        if (errors.Count > 0) return Problems.Invalid("The simulation request is invalid", errors);

        account ??= SampleAccount(start);
        var context = new InstanceContext(Guid.Empty, account.Id, account.Zone, start, account.ToTemplateModel());
        var result = simulator.Run(new SimulationRequest(playbook!, context, start, until, events));
        return Results.Ok(new
        {
            playbookId = playbook!.Definition.Id,
            version = playbook.Definition.Version,
            accountId = account.Id,
            status = result.Status,
            waitingAt = result.WaitingAt,
            timeline = result.Timeline.Select(t => new { t.At, t.StepId, t.Type, t.Summary, t.Detail }),
        });
    }

    private static async Task<(CompiledPlaybook?, IResult?)> ResolvePlaybookAsync(string id, JsonObject body, PlaybooksDb db, PlaybookCatalog catalog, CancellationToken ct)
    {
        if (body["definition"] is JsonObject inline)
        {
            var compiled = catalog.Compiler.Compile(inline.ToJsonString());
            return compiled.IsValid ? (compiled.Playbook, null) : (null, Problems.Invalid("The playbook is invalid", compiled.Errors));
        }
        await using var context = db.Create();
        var record = await context.Playbooks.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, ct);
        if (record is null) return (null, Problems.NotFound($"no playbook '{id}'"));
        var wantsDraft = body.String("version") == "draft" || (body["version"] is null && record.DraftJson is not null);
        if (wantsDraft)
        {
            if (record.DraftJson is null) return (null, Problems.NotFound($"'{id}' has no draft"));
            var compiled = catalog.Compiler.Compile(record.DraftJson);
            return compiled.IsValid ? (compiled.Playbook, null) : (null, Problems.Invalid("The draft is invalid", compiled.Errors));
        }
        var version = body["version"] is JsonValue v && v.TryGetValue<int>(out var n) ? n : record.LatestVersion;
        var playbook = version > 0 ? await catalog.GetAsync(id, version, ct) : null;
        return playbook is null ? (null, Problems.NotFound($"'{id}' has no version {version}")) : (playbook, null);
    }

    /// <summary>A KA account with a 12-month contract from the simulation start, for trying a playbook without data.</summary>
    private static AccountDocument SampleAccount(DateTimeOffset start) => AccountDocument.Read("sample", new JsonObject
    {
        ["name"] = "Sample Co", ["tier"] = "KA", ["isNew"] = true, ["timeZone"] = "UTC", ["stage"] = "onboarding", ["industry"] = "retail",
        ["contract"] = new JsonObject { ["start"] = start.ToString("yyyy-MM-dd"), ["end"] = start.AddYears(1).ToString("yyyy-MM-dd"), ["value"] = 12000, ["currency"] = "EUR" },
        ["contacts"] = new JsonArray(new JsonObject { ["id"] = "c1", ["name"] = "Dana Decider", ["email"] = "dana@example.com", ["role"] = "decision-maker" }),
    }).Account!;
}
