namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>One change to an account: which field, from what to what, who made it (an API key, or a playbook step) and why.</summary>
public sealed class AccountHistoryRecord
{
    public Guid Id { get; set; }
    public required string AccountId { get; set; }
    public DateTimeOffset At { get; set; }
    public required string Field { get; set; }
    public string? OldValue { get; set; }
    public string? NewValue { get; set; }
    public required string Source { get; set; }
    public Guid? InstanceId { get; set; }
    public string? Reason { get; set; }
}
