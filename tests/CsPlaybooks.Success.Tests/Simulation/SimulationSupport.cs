using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Time;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Scheduling;
using CsPlaybooks.Success.Steps;
using NodaTime;

namespace CsPlaybooks.Success.Tests.Simulation;

/// <summary>Builders for trigger-aware simulation tests: a playbook with a given trigger, an account, and a run.</summary>
internal static class SimulationSupport
{
    private static readonly PlaybookCompiler Compiler = new(StepRegistry.CreateDefault().AddSuccessSteps(new SuccessStepDependencies()));
    private static readonly PlaybookSimulator Simulator = new(new PlaybookInterpreter(), new QuartzCronSchedule());

    /// <summary>Creates a CSM task, then stays enrolled for <paramref name="linger"/> before it ends.</summary>
    public static CompiledPlaybook Playbook(string trigger, string linger = "P1D", string reentry = "afterExit", int holdoutPercent = 0)
    {
        var json = $$$"""
        {
          "id": "sim-trigger", "name": "Trigger test", "version": 1,
          "trigger": {{{trigger}}},
          "enrolment": { "reentry": "{{{reentry}}}", "holdoutPercent": {{{holdoutPercent}}} },
          "steps": [
            { "id": "touch", "type": "createTask", "assignee": "csm", "title": "Call {{ account.name }}", "due": "P5D" },
            { "id": "linger", "type": "wait", "duration": "{{{linger}}}" },
            { "id": "done", "type": "end" }
          ],
          "connections": [ { "from": "touch", "to": "linger" }, { "from": "linger", "to": "done" } ]
        }
        """;
        var result = Compiler.Compile(json);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        return result.Playbook!;
    }

    public static JsonObject Account(string zone = "Europe/Berlin", string contractStart = "2026-01-01", string contractEnd = "2027-01-01", string stage = "onboarding", string tier = "KA") => new()
    {
        ["name"] = "Acme", ["tier"] = tier, ["timeZone"] = zone, ["stage"] = stage,
        ["contract"] = new JsonObject { ["start"] = contractStart, ["end"] = contractEnd },
        ["contacts"] = new JsonArray(new JsonObject { ["id"] = "c1", ["name"] = "Dana", ["email"] = "dana@example.com", ["role"] = "decision-maker" }),
    };

    public static SimulationResult Run(CompiledPlaybook playbook, JsonObject account, DateTimeOffset start, DateTimeOffset until,
        IReadOnlyList<ScriptedChange>? changes = null, IReadOnlyList<ScriptedEvent>? events = null)
    {
        var zone = TimeZones.GetOrUtc((string?)account["timeZone"]);
        var context = new InstanceContext(Guid.Empty, "acc-1", zone, start, TemplateModel.ForAccount(account));
        return Simulator.Run(new SimulationRequest(playbook, context, start, until, events ?? []) { Account = account, Changes = changes ?? [] });
    }

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    /// <summary>The day each enrolment happened on, in the account's zone.</summary>
    public static IReadOnlyList<string> EnrolmentDays(SimulationResult result, string zone) =>
        result.Enrolments.Select(e => Instant.FromDateTimeOffset(e.At).InZone(TimeZones.GetOrUtc(zone)).Date.ToString("yyyy-MM-dd", null)).ToList();

    public static IReadOnlyList<TimelineEntry> Entries(SimulationResult result, string type) => result.Timeline.Where(t => t.Type == type).ToList();
}
