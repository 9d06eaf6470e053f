namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>A published, immutable version of a playbook.</summary>
public sealed class PlaybookVersionRecord
{
    public required string PlaybookId { get; set; }
    public int Version { get; set; }
    public required string Json { get; set; }
    /// <summary>SHA-256 of the content without the version number: detects an unchanged file on start-up.</summary>
    public required string ContentHash { get; set; }
    public string? Note { get; set; }
    public string? PublishedBy { get; set; }
    public DateTimeOffset PublishedAt { get; set; }
    /// <summary>Denormalised from the JSON so event triggers are found by an index, not by parsing every version.</summary>
    public string? TriggerType { get; set; }
    public string? TriggerEvent { get; set; }
}
