namespace CsPlaybooks.Engine.Triggers;

/// <summary>Cron arithmetic, supplied by the host (Quartz's parser), so schedules fire in simulation exactly when Quartz fires them.</summary>
public interface ICronSchedule
{
    /// <summary>The first fire time strictly after <paramref name="after"/> of a Quartz cron read in an IANA time zone, or null when it never fires again.</summary>
    DateTimeOffset? NextFireAfter(string cron, string timeZone, DateTimeOffset after);
}
