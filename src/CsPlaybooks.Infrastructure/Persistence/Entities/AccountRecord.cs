namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>
/// An account: its JSON document, and copies of the fields lists, filters and reports query as indexed columns
/// (written only by <see cref="Accounts.AccountColumns"/>, from the document, on every write).
/// </summary>
public sealed class AccountRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Json { get; set; }
    /// <summary>The document's <c>csmId</c>, as a column so CSM load is counted (and capacity enforced) in the database.</summary>
    public string? CsmId { get; set; }
    public string? Tier { get; set; }
    public string? Stage { get; set; }
    public string? Industry { get; set; }
    /// <summary><c>health.band</c>: red, yellow, green; null while unscored.</summary>
    public string? HealthBand { get; set; }
    /// <summary><c>health.score</c> (0–100).</summary>
    public int? HealthScore { get; set; }
    /// <summary><c>contract.end</c>.</summary>
    public DateOnly? ContractEnd { get; set; }
    /// <summary>The document's <c>tags</c> as <c>|a|b|</c>, so a tag filter is one LIKE on a narrow column.</summary>
    public string? Tags { get; set; }
    /// <summary>The later of <c>reasons.renewal</c> and <c>reasons.non-renewal</c>: true renewed, false not renewed, null neither.</summary>
    public bool? Renewed { get; set; }
    /// <summary>Concurrency token: a playbook step and an API call changing the account at once cannot lose either change.</summary>
    public int Revision { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
