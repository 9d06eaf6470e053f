using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Time;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Success.Health;
using CsPlaybooks.Success.Simulation;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// What a simulation request scripts, read once for the single-playbook and the whole-lifecycle simulation: the account
/// (stored, inline or a sample), the period, events, account changes, usage facts and task completions.
/// </summary>
internal sealed class SimulationInput
{
    public DateTimeOffset Start { get; private init; }
    public DateTimeOffset Until { get; private init; }
    public string? AccountId { get; private init; }
    public AccountDocument? InlineAccount { get; private set; }
    public List<ScriptedEvent> Events { get; } = [];
    public List<ScriptedChange> Changes { get; } = [];
    public List<ScriptedUsage> Usage { get; } = [];
    public List<TaskCompletionRule> Completions { get; } = [];

    public static SimulationInput Read(JsonFields body, List<DefinitionError> errors, TimeProvider time)
    {
        var start = body.Time("start") ?? time.GetUtcNow();
        var until = body.Time("until") ?? start.AddYears(1);
        if (until <= start) body.Error("until", "'until' must be after 'start'");
        if (until - start > TimeSpan.FromDays(366 * 10)) body.Error("until", "simulate at most 10 years");
        var inline = body.Object("account", FieldLimits.AccountDocumentBytes);
        var input = new SimulationInput { Start = start, Until = until, AccountId = body.String("accountId", FieldLimits.Id) };
        foreach (var e in body.Objects("events") ?? [])
        {
            var name = e.String("name", FieldLimits.EventName, required: true);
            var at = e.Time("at") ?? start;
            var data = e.Object("data", FieldLimits.PayloadBytes);
            if (name is not null) input.Events.Add(new ScriptedEvent(at, name, data));
        }
        foreach (var c in body.Objects("changes") ?? [])
        {
            var at = c.Time("at") ?? start;
            var change = c.Object("change", FieldLimits.AccountDocumentBytes);
            if (change is null) c.Error("change", "'change' is required: the fields to merge into the account, e.g. { \"stage\": \"at-risk\" }");
            else input.Changes.Add(new ScriptedChange(at, change));
        }
        foreach (var u in body.Objects("usage") ?? [])
        {
            var fact = UsageFact.Read(u);
            // A day's usage arrives once the day is over, unless 'at' says when.
            var at = u.Time("at") ?? new DateTimeOffset(fact.Date.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).AddDays(1);
            input.Usage.Add(new ScriptedUsage(at, u.Json));
        }
        foreach (var t in body.Objects("taskCompletions") ?? [])
        {
            var step = t.String("step", FieldLimits.StepId, required: true);
            var playbook = t.String("playbook", FieldLimits.Id);
            var afterText = t.String("after", 40) ?? "PT0S";
            if (!CalendarPeriod.TryParse(afterText, out var after, out var problem) || after.IsNegative)
                t.Error("after", $"'{t.PathOf("after")}' must be an ISO-8601 duration such as \"P2D\"{(string.IsNullOrEmpty(problem) ? "" : $": {problem}")}");
            var result = t.Object("result", FieldLimits.PayloadBytes);
            if (step is not null) input.Completions.Add(new TaskCompletionRule(playbook, step, after, result));
        }
        if (inline is not null)
        {
            var (read, accountErrors) = AccountDocument.Read(new JsonFields(inline, errors, "account").String("id", FieldLimits.Id) ?? "sample", inline);
            errors.AddRange(accountErrors.Select(e => e with { Field = $"account.{e.Field}" }));
            input.InlineAccount = read;
        }
        return input;
    }

    /// <summary>The inline account, the stored one (<c>accountId</c>), or a sample key account; a problem when the stored one is missing.</summary>
    public async Task<(AccountDocument? Account, ProblemHttpResult? Problem)> AccountAsync(AccountStore accounts, CancellationToken ct)
    {
        if (InlineAccount is not null) return (InlineAccount, null);
        if (AccountId is null) return (SampleAccount(Start), null);
        var stored = await accounts.FindAsync(AccountId, ct);
        return stored is null ? (null, Problems.NotFound($"no account '{AccountId}'")) : (stored, null);
    }

    public SimulationRequest Request(CompiledPlaybook playbook, AccountDocument account, string sweepCron, ISimulationWorld world) =>
        new(playbook, new InstanceContext(Guid.Empty, account.Id, account.Zone, Start, account.ToTemplateModel()), Start, Until, Events)
        {
            Account = account.Json, Changes = Changes, Usage = Usage, SweepCron = sweepCron, World = world,
        };

    /// <summary>A KA account with a 12-month contract from the simulation start, for trying a playbook without data.</summary>
    private static AccountDocument SampleAccount(DateTimeOffset start) => AccountDocument.Read("sample", new JsonObject
    {
        ["name"] = "Sample Co", ["tier"] = "KA", ["isNew"] = true, ["timeZone"] = "UTC", ["stage"] = "onboarding", ["industry"] = "retail",
        ["contract"] = new JsonObject { ["start"] = start.ToString("yyyy-MM-dd"), ["end"] = start.AddYears(1).ToString("yyyy-MM-dd"), ["value"] = 12000, ["currency"] = "EUR" },
        ["contacts"] = new JsonArray(new JsonObject { ["id"] = "c1", ["name"] = "Dana Decider", ["email"] = "dana@example.com", ["role"] = "decision-maker" }),
    }).Account!;
}
