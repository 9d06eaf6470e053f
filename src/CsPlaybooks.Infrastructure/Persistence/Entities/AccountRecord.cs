namespace CsPlaybooks.Infrastructure.Persistence.Entities;

public sealed class AccountRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Json { get; set; }
    /// <summary>The document's <c>csmId</c>, as a column so CSM load is counted (and capacity enforced) in the database.</summary>
    public string? CsmId { get; set; }
    /// <summary>Concurrency token: a playbook step and an API call changing the account at once cannot lose either change.</summary>
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
