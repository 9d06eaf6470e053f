namespace CsPlaybooks.Infrastructure.Persistence.Entities;

public sealed class JournalRecord
{
    public long Id { get; set; }
    public Guid InstanceId { get; set; }
    public DateTimeOffset At { get; set; }
    public string? StepId { get; set; }
    public required string Kind { get; set; }
    public required string Summary { get; set; }
    public string? DetailJson { get; set; }
}
