namespace CsPlaybooks.Infrastructure.Outbox;

public sealed class OutboxOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    public int BatchSize { get; set; } = 100;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>Attempts before a message fails and becomes an incident. Default 8.</summary>
    public int MaxAttempts { get; set; } = 8;
    /// <summary>First retry delay; doubles each attempt (with jitter), capped at <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);
    public int Parallelism { get; set; } = 4;
}
