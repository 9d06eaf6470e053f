namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>A side effect committed with its burst and delivered afterwards, at least once, de-duplicated by <see cref="DedupKey"/>.</summary>
public sealed class OutboxRecord
{
    public Guid Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string StepId { get; set; }
    public required string Kind { get; set; }
    public required string DedupKey { get; set; }
    public required string PayloadJson { get; set; }
    /// <summary>pending, sent or failed.</summary>
    public required string State { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public string? LastError { get; set; }
    /// <summary>When the current run of transient failures began; the message fails once it has failed for <c>Outbox:RetryFor</c>.</summary>
    public DateTimeOffset? FailingSince { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    public string? ClaimedBy { get; set; }
    public DateTimeOffset? ClaimedUntil { get; set; }
}
