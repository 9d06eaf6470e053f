namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>
/// The queryable index of an instance's bookmarks: events find waiting instances by (account, event), the
/// timer pump claims rows by due time with a lease. Written in the same transaction as the instance state.
/// </summary>
public sealed class BookmarkRecord
{
    /// <summary>"{instance id}:{bookmark id}".</summary>
    public required string Id { get; set; }
    public Guid InstanceId { get; set; }
    public required string AccountId { get; set; }
    public required string StepId { get; set; }
    public string? EventName { get; set; }
    public DateTimeOffset? DueAt { get; set; }
    public string? ClaimedBy { get; set; }
    /// <summary>Lease end; also the concurrency token, so a node whose lease was re-taken cannot commit.</summary>
    public DateTimeOffset? ClaimedUntil { get; set; }
}
