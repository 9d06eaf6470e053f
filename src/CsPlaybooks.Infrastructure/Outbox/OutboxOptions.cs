namespace CsPlaybooks.Infrastructure.Outbox;

public sealed class OutboxOptions
{
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    public int BatchSize { get; set; } = 100;
    public TimeSpan Lease { get; set; } = TimeSpan.FromMinutes(2);
    /// <summary>
    /// How long transient failures (connection refused, timeouts, SMTP 4xx, HTTP 429/503) keep being retried, counted
    /// from the first failure in a row, before the message fails and becomes an incident. Default 48 hours. Permanent
    /// failures (SMTP 5xx for the message, HTTP 4xx other than 408/429) become incidents at once.
    /// </summary>
    public TimeSpan RetryFor { get; set; } = TimeSpan.FromHours(48);
    /// <summary>First retry delay; doubles each attempt (with jitter), capped at <see cref="MaxBackoff"/>.</summary>
    public TimeSpan FirstBackoff { get; set; } = TimeSpan.FromSeconds(5);
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromHours(1);
    public int Parallelism { get; set; } = 4;
}
