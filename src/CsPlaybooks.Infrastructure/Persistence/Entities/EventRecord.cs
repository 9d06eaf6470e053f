namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>An accepted event: stored before it is processed, so a crash never loses it.</summary>
public sealed class EventRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string AccountId { get; set; }
    public string? DataJson { get; set; }
    public DateTimeOffset ReceivedAt { get; set; }
    public DateTimeOffset? ProcessedAt { get; set; }
    /// <summary>What processing did: instances resumed, playbooks started, or why nothing happened.</summary>
    public string? Outcome { get; set; }
}

/// <summary>Proof an event reached an instance; makes re-processing after a crash a no-op for that instance.</summary>
public sealed class EventDeliveryRecord
{
    public required string EventId { get; set; }
    public Guid InstanceId { get; set; }
}
