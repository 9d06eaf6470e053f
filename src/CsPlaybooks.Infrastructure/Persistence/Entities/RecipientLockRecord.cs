namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>
/// One row per email recipient, locked (by an update) while a node checks the recipient's frequency cap and reserves
/// a send: the database serialises the check across nodes.
/// </summary>
public sealed class RecipientLockRecord
{
    public required string Address { get; set; }
    public DateTimeOffset LockedAt { get; set; }
}
