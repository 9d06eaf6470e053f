namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>
/// An accepted event: stored before it is processed (by the API, or in the same transaction as the change that
/// raised it), so a crash never loses it. Undelivered events form a claimed queue: <see cref="DeliverAt"/> is set
/// until the event is processed, and a node processing it holds a lease (<see cref="ClaimedBy"/>, <see cref="ClaimedUntil"/>).
/// </summary>
public sealed class EventRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string AccountId { get; set; }
    public string? DataJson { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    /// <summary>When the event is due for delivery; null once processed.</summary>
    public DateTimeOffset? DeliverAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
    /// <summary>What processing did: instances resumed, playbooks started, or why nothing happened.</summary>
    public string? Outcome { get; set; }
}

/// <summary>Proof an event reached an instance; makes re-processing after a crash a no-op for that instance.</summary>
public sealed class EventDeliveryRecord
{
    public required string EventId { get; set; }
    public Guid InstanceId { get; set; }
}
