namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>
/// Where the next incremental CRM sync starts for one object type: records modified at or after
/// <see cref="ModifiedSince"/>. Moved forward only in the transaction that records a page as applied.
/// </summary>
public sealed class CrmCursorRecord
{
    public required string Connector { get; set; }
    /// <summary>companies, contacts or deals.</summary>
    public required string ObjectType { get; set; }
    public DateTimeOffset ModifiedSince { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public Guid RunId { get; set; }
}
