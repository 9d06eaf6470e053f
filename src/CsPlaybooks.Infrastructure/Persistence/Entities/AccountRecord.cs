namespace CsPlaybooks.Infrastructure.Persistence.Entities;

public sealed class AccountRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
