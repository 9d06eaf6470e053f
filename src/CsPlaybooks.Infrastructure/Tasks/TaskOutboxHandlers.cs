using CsPlaybooks.Infrastructure.Csms;
using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Success.Steps.Tasks;

namespace CsPlaybooks.Infrastructure.Tasks;

/// <summary>Delivers createTask messages: creates the task exactly once (its key is unique).</summary>
public sealed class TaskMessageHandler(TaskService tasks) : IOutboxHandler
{
    public string Kind => TaskKinds.TaskMessage;

    public async Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var p = delivery.Payload;
        string Required(string field) => (string?)p[field] ?? throw new PermanentDeliveryException($"task payload has no {field}");
        await tasks.CreateAsync(new NewTask(Required("key"), "playbook", Required("accountId"), Required("assignee"), Required("title"),
            (string?)p["description"], p["dueAt"]?.GetValue<DateTimeOffset>(), (string?)p["priority"] ?? "normal", (bool?)p["required"] ?? false,
            delivery.InstanceId, delivery.StepId, Form: p["form"] as System.Text.Json.Nodes.JsonArray), ct);
    }
}

/// <summary>Delivers assignCsm messages. Assignment is idempotent with keepExisting (the default); the result is journaled.</summary>
public sealed class AssignCsmHandler(CsmService csms) : IOutboxHandler
{
    public string Kind => TaskKinds.AssignCsmMessage;

    public async Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var accountId = (string?)delivery.Payload["accountId"] ?? throw new PermanentDeliveryException("assignCsm payload has no accountId");
        var keep = (bool?)delivery.Payload["keepExisting"] ?? true;
        var result = await csms.AssignAsync(accountId, keep || delivery.Attempt > 1, $"playbook instance {delivery.InstanceId}, message {delivery.DedupKey}", ct);
        if (result.Status == AssignmentStatus.AccountNotFound) throw new PermanentDeliveryException(result.Reason);
    }
}

/// <summary>Delivers notify steps as informational inbox items (optional, due now), once per message.</summary>
public sealed class NotifyHandler(TaskService tasks, TimeProvider time) : IOutboxHandler
{
    public string Kind => Success.Steps.Tasks.NotifyStep.OutboxKind;

    public async Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var accountId = (string?)delivery.Payload["accountId"] ?? throw new PermanentDeliveryException("notify payload has no accountId");
        var message = (string?)delivery.Payload["message"] ?? "";
        await tasks.CreateAsync(new NewTask(delivery.DedupKey, "notification", accountId, (string?)delivery.Payload["to"] ?? "csm",
            message.Length <= 200 ? message : message[..197] + "…", message, time.GetUtcNow(), InstanceId: delivery.InstanceId, StepId: delivery.StepId), ct);
    }
}
