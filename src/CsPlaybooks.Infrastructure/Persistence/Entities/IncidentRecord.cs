namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>Something that needs a person: a faulted step or a message that could not be delivered.</summary>
public sealed class IncidentRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public string? StepId { get; set; }
    public required string Kind { get; set; }
    public required string Message { get; set; }
    public Guid? OutboxId { get; set; }
    public DateTimeOffset At { get; set; }
    public DateTimeOffset? ResolvedAt { get; set; }
}

public static class IncidentKinds
{
    /// <summary>A step failed, or a burst's changes could not be saved; retrying the instance runs the step again.</summary>
    public const string StepFaulted = "step.faulted";
    /// <summary>An outbox message (email, task mirror, webhook…) could not be delivered; retrying redelivers it.</summary>
    public const string DeliveryFailed = "delivery.failed";
}
