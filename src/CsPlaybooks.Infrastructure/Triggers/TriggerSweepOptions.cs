namespace CsPlaybooks.Infrastructure.Triggers;

public sealed class TriggerSweepOptions
{
    /// <summary>Quartz cron for the contractDate/segment sweep. Default: daily at 06:00 UTC.</summary>
    public string SweepCron { get; set; } = "0 0 6 * * ?";
}
