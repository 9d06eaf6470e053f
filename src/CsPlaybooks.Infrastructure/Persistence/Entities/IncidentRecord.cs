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
