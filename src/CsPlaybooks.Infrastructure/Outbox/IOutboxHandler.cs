using System.Text.Json.Nodes;

namespace CsPlaybooks.Infrastructure.Outbox;

/// <summary>Delivers one kind of outbox message. Must be idempotent for the same <see cref="OutboxDelivery.DedupKey"/>.</summary>
public interface IOutboxHandler
{
    string Kind { get; }
    Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct);
}

/// <param name="Attempt">1 for the first attempt; deferrals do not count.</param>
/// <param name="LastChance">True when a failure of this attempt ends the retries (<see cref="OutboxOptions.RetryFor"/> is spent).</param>
public sealed record OutboxDelivery(Guid Id, Guid InstanceId, string StepId, string DedupKey, JsonObject Payload, int Attempt, bool LastChance = false);

/// <summary>Thrown by a handler when retrying cannot help (unknown playbook, invalid address…): the message fails at once.</summary>
public sealed class PermanentDeliveryException(string message) : Exception(message);
