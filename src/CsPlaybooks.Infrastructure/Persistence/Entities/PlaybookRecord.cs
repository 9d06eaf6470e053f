namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>A playbook: its editable draft and the number of its latest published version.</summary>
public sealed class PlaybookRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? DraftJson { get; set; }
    public DateTimeOffset? DraftUpdatedAt { get; set; }
    public int LatestVersion { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
