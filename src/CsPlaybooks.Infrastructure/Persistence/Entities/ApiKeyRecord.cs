namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>An API key for a system, created by ops. Only the SHA-256 of the key is kept, plus its first characters for display.</summary>
public sealed class ApiKeyRecord
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    public required string Role { get; set; }
    public string? CsmId { get; set; }
    /// <summary>The key's first characters (e.g. <c>csp_3fA9kQ</c>), so a person can tell keys apart.</summary>
    public required string Prefix { get; set; }
    /// <summary>Lower-case hex SHA-256 of the whole key.</summary>
    public required string Hash { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public string? CreatedBy { get; set; }
    public DateTimeOffset? ExpiresAt { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>Updated at most once a minute per key.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
}
