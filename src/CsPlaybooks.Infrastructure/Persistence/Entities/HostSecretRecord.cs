namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>A secret every node of a cluster shares (unsubscribe link keys, webhook signing), created once by whichever node needs it first.</summary>
public sealed class HostSecretRecord
{
    public required string Name { get; set; }
    public required string Value { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}
