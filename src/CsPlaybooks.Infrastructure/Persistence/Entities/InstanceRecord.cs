namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>One account's run of one playbook version.</summary>
public sealed class InstanceRecord
{
    public Guid Id { get; set; }
    public required string PlaybookId { get; set; }
    public int Version { get; set; }
    public required string AccountId { get; set; }
    /// <summary>running, completed, cancelled or faulted.</summary>
    public required string Status { get; set; }
    public required string StateJson { get; set; }
    /// <summary>Optimistic concurrency token: every burst increments it; a stale writer retries.</summary>
    public int Revision { get; set; }
    public bool Holdout { get; set; }
    /// <summary>Unique per trigger occurrence (event id, schedule fire time, parent step) so a re-delivered trigger never enrols twice.</summary>
    public string? EnrolmentKey { get; set; }
    /// <summary>Unique "playbook/account" while the re-entry rule forbids a second instance; cleared on exit for "afterExit".</summary>
    public string? ReentryGuard { get; set; }
    public string? FaultedStepId { get; set; }
    public string? FaultMessage { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}
