using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Success.Email;
using CsPlaybooks.Success.Health;
using CsPlaybooks.Success.Steps.Tasks;
using NodaTime;

namespace CsPlaybooks.Success.Simulation;

/// <summary>
/// Production's outbox handlers and usage intake for one simulated account, capture-only: an email passes the same
/// <see cref="EmailGovernance"/> (consent, quiet hours in the recipient's zone, the per-address cap counted across every
/// playbook of the run) and is sent, deferred (and tried again when governance allows, as the outbox pump does) or
/// suppressed; a task is created for its role (the CSM resolved as production does) and completed when a
/// <see cref="TaskCompletionRule"/> says so, raising <c>task.completed</c>; <c>assignCsm</c> keeps the account's CSM and
/// raises <c>csm.assigned</c>; usage facts are scored by the <see cref="HealthCalculator"/> (<see cref="HealthUpdate"/>).
/// </summary>
public sealed class SuccessSimulationWorld(EmailGovernance governance, HealthCalculator health, IReadOnlyList<TaskCompletionRule> completions, string? leadCsmId = null)
    : ISimulationWorld
{
    public const string EmailSent = "email.sent";
    public const string EmailDeferred = "email.deferred";
    public const string EmailSuppressed = "email.suppressed";
    public const string TaskCreated = "task.created";
    public const string NotificationCreated = "notification.created";

    private readonly Dictionary<string, List<Instant>> _sends = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<DateOnly, UsageFact> _usage = [];
    private readonly HashSet<string> _raised = [];
    private DateOnly? _latestPeriod;

    public SimulatedDelivery Deliver(OutboxMessage message, DeliveryContext context) => message.Kind switch
    {
        EmailMessage.Kind => Email(message, context),
        TaskKinds.TaskMessage => Task(message, context),
        TaskKinds.AssignCsmMessage => AssignCsm(context),
        NotifyStep.OutboxKind => Notify(message, context),
        _ => new([new($"{message.Kind}.captured", $"{message.Kind} delivered (captured, not sent)", message.Payload)], []),
    };

    private SimulatedDelivery Email(OutboxMessage message, DeliveryContext context)
    {
        var email = EmailMessage.FromJson(message.Payload);
        var address = email.To.Address.Trim().ToLowerInvariant();
        var contact = EmailRecipient.FindContact(context.Account["contacts"] as JsonArray, email.ContactId, address);
        var now = Instant.FromDateTimeOffset(context.Now);
        var sends = _sends.TryGetValue(address, out var list) ? list : _sends[address] = [];
        var detail = new JsonObject { ["template"] = email.Template, ["category"] = email.Category, ["to"] = address, ["subject"] = email.Subject };
        switch (governance.Decide(new EmailCheck(email.Category, address, contact, EmailRecipient.ZoneOf(contact, context.Zone), sends, now)))
        {
            case GovernanceDecision.Suppress s:
                detail["reason"] = s.Reason;
                return new([new(EmailSuppressed, $"email '{email.Template}' to {address} suppressed: {s.Reason}", detail)], []);
            case GovernanceDecision.Defer d:
                detail["reason"] = d.Reason;
                detail["until"] = d.Until.ToDateTimeOffset();
                return new([new(EmailDeferred, $"email '{email.Template}' to {address} deferred: {d.Reason}", detail)], []) { RetryAt = d.Until.ToDateTimeOffset() };
        }
        if (email.Category == EmailCategories.DigitalTouch) sends.Add(now);
        return new([new(EmailSent, $"email '{email.Template}' to {address} passes governance: sent (simulated, nothing leaves)", detail)], []);
    }

    private SimulatedDelivery Task(OutboxMessage message, DeliveryContext context)
    {
        var p = message.Payload;
        var role = (string?)p["assignee"] ?? "csm";
        var key = (string?)p["key"] ?? message.DedupKey;
        var detail = new JsonObject
        {
            ["key"] = key, ["assignee"] = role, ["csmId"] = CsmFor(role, context.Account), ["title"] = (string?)p["title"],
            ["dueAt"] = p["dueAt"]?.DeepClone(), ["required"] = (bool?)p["required"] ?? false,
        };
        var effects = new List<SimulatedEffect> { new(TaskCreated, $"task for {role}: \"{p["title"]}\"", detail) };
        var raised = new List<ScriptedEvent>();
        var rule = completions.FirstOrDefault(r => r.Step == message.StepId && (r.Playbook is null || r.Playbook == context.PlaybookId));
        if (rule is not null)
        {
            var at = rule.After.AddTo(context.Now, context.Zone);
            raised.Add(new ScriptedEvent(at, TaskKinds.CompletedEvent, new JsonObject
            {
                ["taskKey"] = key, ["stepId"] = message.StepId, ["completedBy"] = "simulation", ["result"] = rule.Result?.DeepClone(),
            }));
            effects.Add(new("task.completion.scheduled", $"the assignee completes it at {at:yyyy-MM-dd HH:mm} UTC (scripted)", new JsonObject { ["key"] = key, ["at"] = at }));
        }
        return new(effects, raised);
    }

    private static SimulatedDelivery AssignCsm(DeliveryContext context)
    {
        if (CsmOf(context.Account) is not { } csm)
            return new([new("csm.unassigned", "no CSM on the account: production's assigner would pick one by capacity (not simulated; script csm.assigned)", null)], []);
        return new([new("csm.kept", $"the account keeps CSM {csm}", new JsonObject { ["csmId"] = csm })],
            [new ScriptedEvent(context.Now, "csm.assigned", new JsonObject { ["csmId"] = csm, ["kept"] = true })]);
    }

    private SimulatedDelivery Notify(OutboxMessage message, DeliveryContext context)
    {
        var to = (string?)message.Payload["to"] ?? "csm";
        return new([new(NotificationCreated, $"notification for {to}: {message.Payload["message"]}",
            new JsonObject { ["assignee"] = to, ["csmId"] = CsmFor(to, context.Account), ["message"] = message.Payload["message"]?.DeepClone() })], []);
    }

    public SimulatedDelivery RecordUsage(JsonObject fact, JsonObject account, DeliveryContext context)
    {
        var errors = new List<DefinitionError>();
        var usage = UsageFact.Read(new JsonFields(fact, errors));
        if (errors.Count > 0) throw new ArgumentException($"usage fact: {string.Join("; ", errors)}", nameof(fact));
        _usage[usage.Date] = usage;
        var period = health.PeriodOf(usage.Date);
        var latest = _latestPeriod is null || _latestPeriod <= period.Start;
        if (latest) _latestPeriod = period.Start;
        var (score, events) = HealthUpdate.Apply(health, context.AccountId, account, usage.Date, _usage.Values, latest);
        var raised = events.Where(e => _raised.Add(e.Id)).Select(e => new ScriptedEvent(context.Now, e.Name, e.Data)).ToList();
        return new([new(SimulationKinds.UsageRecorded, $"usage of {usage.Date:yyyy-MM-dd}: {usage.ActiveUsers} active users; health {score.Score} ({score.Band})",
            new JsonObject { ["date"] = usage.Date.ToString("yyyy-MM-dd"), ["score"] = score.Score, ["band"] = score.Band })], raised);
    }

    /// <summary>The CSM a task for <paramref name="role"/> goes to, as production resolves it: the account's CSM, or the CS lead.</summary>
    private string? CsmFor(string role, JsonObject account) => role switch
    {
        "csm" => CsmOf(account),
        "cs-lead" => leadCsmId,
        _ => null,
    };

    private static string? CsmOf(JsonObject account) =>
        account["csmId"] is JsonValue id && id.TryGetValue<string>(out var s) && s.Length > 0 ? s
        : account["csm"]?["id"] is JsonValue csm && csm.TryGetValue<string>(out var c) ? c : null;
}
