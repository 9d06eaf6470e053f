using System.Collections.Concurrent;
using CsPlaybooks.Engine.Triggers;
using Quartz;

namespace CsPlaybooks.Infrastructure.Scheduling;

/// <summary>Quartz's cron arithmetic for the simulator, so a simulated schedule ticks exactly when the Quartz trigger would.</summary>
public sealed class QuartzCronSchedule : ICronSchedule
{
    private readonly ConcurrentDictionary<(string Cron, string Zone), CronExpression> _parsed = new();

    public DateTimeOffset? NextFireAfter(string cron, string timeZone, DateTimeOffset after) =>
        _parsed.GetOrAdd((cron, timeZone), k => new CronExpression(k.Cron, TimeZoneInfo.FindSystemTimeZoneById(k.Zone)))
            .GetNextValidTimeAfter(after);
}
