namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>
/// One email to one recipient, from the outbox message that carries it: its rendered content, governance state and
/// send history (the frequency cap counts these rows). <see cref="DedupKey"/> is unique: one row, at most one send,
/// per recipient, step, path arrival and instance.
/// </summary>
public sealed class EmailRecord
{
    public Guid Id { get; set; }
    public Guid OutboxId { get; set; }
    public required string DedupKey { get; set; }
    public Guid InstanceId { get; set; }
    public required string StepId { get; set; }
    public required string AccountId { get; set; }
    public string? ContactId { get; set; }
    /// <summary>Lower-case address: the cap's key, shared across accounts and playbooks.</summary>
    public required string RecipientAddress { get; set; }
    public string? RecipientName { get; set; }
    public string? FromAddress { get; set; }
    public string? FromName { get; set; }
    public required string Category { get; set; }
    public required string Template { get; set; }
    public required string Subject { get; set; }
    public string? Html { get; set; }
    public string? Text { get; set; }
    /// <summary>The survey a <c>sendSurvey</c> email carries (<see cref="Success.Surveys.EmailSurvey"/> as JSON); null for other email.</summary>
    public string? Survey { get; set; }
    /// <summary>See <see cref="Email.EmailStates"/>.</summary>
    public required string State { get; set; }
    /// <summary>Why it is deferred, suppressed or failed, or the last transport error while queued.</summary>
    public string? Reason { get; set; }
    public DateTimeOffset? DeferredUntil { get; set; }
    /// <summary>Assigned before hand-over (deterministic from the dedup key), so a retry after a crash is recognisable.</summary>
    public string? MessageId { get; set; }
    /// <summary>smtp or pickup (an .eml file).</summary>
    public string? Transport { get; set; }
    public int Attempts { get; set; }
    /// <summary>Hand-overs repeated (with the same Message-ID) because an earlier attempt was interrupted before the server's answer was recorded.</summary>
    public int Resends { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When it was handed to the transport (set while sending, kept once sent).</summary>
    public DateTimeOffset? SentAt { get; set; }
}
