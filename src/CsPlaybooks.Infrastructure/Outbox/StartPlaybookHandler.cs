using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Infrastructure.Runtime;

namespace CsPlaybooks.Infrastructure.Outbox;

/// <summary>Delivers startPlaybook steps: enrols the account, keyed by the message so a retry never enrols twice.</summary>
public sealed class StartPlaybookHandler(WorkflowRuntime runtime) : IOutboxHandler
{
    public string Kind => OutboxKinds.StartPlaybook;

    public async Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var playbookId = (string?)delivery.Payload["playbookId"] ?? throw new PermanentDeliveryException("payload has no playbookId");
        var accountId = (string?)delivery.Payload["accountId"] ?? throw new PermanentDeliveryException("payload has no accountId");
        var result = await runtime.EnrolAsync(new EnrolmentRequest(playbookId, accountId, $"startPlaybook from {delivery.InstanceId}", delivery.DedupKey), ct);
        if (result.Status is EnrolmentStatus.PlaybookNotFound or EnrolmentStatus.NotPublished or EnrolmentStatus.AccountNotFound)
            throw new PermanentDeliveryException(result.Message);
    }
}
