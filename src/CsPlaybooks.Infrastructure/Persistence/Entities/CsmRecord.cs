namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>A customer-success manager: touch model, capacity, skills, To Do identity.</summary>
public sealed class CsmRecord
{
    public required string Id { get; set; }
    public required string Name { get; set; }
    public string? Email { get; set; }
    /// <summary>Entra ID user id (or UPN) whose Microsoft To Do receives this CSM's tasks.</summary>
    public string? GraphUserId { get; set; }
    /// <summary>The To Do list tasks go to, once found or created.</summary>
    public string? GraphListId { get; set; }
    /// <summary>high, mid or tech.</summary>
    public required string TouchModel { get; set; }
    /// <summary>Maximum accounts; null = the default for the touch model.</summary>
    public int? Capacity { get; set; }
    /// <summary>JSON array of industries ([] = any).</summary>
    public required string IndustriesJson { get; set; }
    /// <summary>JSON array of tiers ([] = any).</summary>
    public required string TiersJson { get; set; }
    public bool IsLead { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}

/// <summary>The journal of CSM assignments: every change of an account's CSM, who made it and why.</summary>
public sealed class CsmAssignmentRecord
{
    public Guid Id { get; set; }
    public required string AccountId { get; set; }
    public string? FromCsmId { get; set; }
    public string? ToCsmId { get; set; }
    /// <summary>assignment, handover or unassigned (nobody fit).</summary>
    public required string Kind { get; set; }
    public required string Reason { get; set; }
    public required string By { get; set; }
    public DateTimeOffset At { get; set; }
}
