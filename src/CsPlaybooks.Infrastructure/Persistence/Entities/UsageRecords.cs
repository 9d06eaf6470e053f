namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>One account's usage on one day (re-sending a day replaces it).</summary>
public sealed class UsageFactRecord
{
    public required string AccountId { get; set; }
    public DateOnly Date { get; set; }
    public int ActiveUsers { get; set; }
    public double MaterialInput { get; set; }
    public double ContentOutput { get; set; }
    /// <summary>JSON array of feature names.</summary>
    public required string FeaturesUsed { get; set; }
    public long ApiCalls { get; set; }
}

/// <summary>An account's health for one period of the grain, with each indicator (JSON) — the health record of DOMAIN.md §5.</summary>
public sealed class HealthRecord
{
    public required string AccountId { get; set; }
    public DateOnly PeriodStart { get; set; }
    public DateOnly PeriodEnd { get; set; }
    public int Score { get; set; }
    public required string Band { get; set; }
    public required string IndicatorsJson { get; set; }
    public DateTimeOffset ComputedAt { get; set; }
}
