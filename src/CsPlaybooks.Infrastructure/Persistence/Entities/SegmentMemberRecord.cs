namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>An account currently inside a segment trigger's condition; it enters the playbook when this row appears.</summary>
public sealed class SegmentMemberRecord
{
    public required string PlaybookId { get; set; }
    public required string AccountId { get; set; }
    public DateTimeOffset EnteredAt { get; set; }
}
