using CsPlaybooks.Engine.Triggers;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CsPlaybooks.Infrastructure.Scheduling;

/// <summary>Keeps one Quartz cron trigger per playbook whose latest version has a schedule trigger.</summary>
public sealed class ScheduleSync(ISchedulerFactory schedulers, PlaybooksDb db, PlaybookCatalog catalog) : IPlaybookPublishedHandler
{
    public const string Group = "playbook-schedules";

    public static JobKey JobKeyFor(string playbookId) => new(playbookId, Group);

    public async Task OnPublishedAsync(CompiledPlaybook playbook, CancellationToken ct)
    {
        var scheduler = await schedulers.GetScheduler(ct);
        var key = JobKeyFor(playbook.Definition.Id);
        if (playbook.TriggerSettings is not ScheduleTriggerSettings settings)
        {
            await scheduler.DeleteJob(key, ct);
            return;
        }
        var job = JobBuilder.Create<ScheduledEnrolmentJob>().WithIdentity(key).UsingJobData(ScheduledEnrolmentJob.PlaybookIdKey, playbook.Definition.Id)
            .WithDescription($"{playbook.Definition.Name} v{playbook.Definition.Version}: {settings.Cron} ({settings.TimeZone})").StoreDurably().Build();
        var trigger = TriggerBuilder.Create().WithIdentity(playbook.Definition.Id, Group).ForJob(key)
            .WithCronSchedule(settings.Cron, c => c.InTimeZone(TimeZoneInfo.FindSystemTimeZoneById(settings.TimeZone)).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed))
            .Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
    }

    /// <summary>On start-up: each playbook's latest version decides whether its schedule is armed or removed.</summary>
    public async Task ReconcileAsync(CancellationToken ct)
    {
        List<(string Id, int Version)> latest;
        await using (var context = db.Create())
            latest = (await context.Playbooks.AsNoTracking().Where(p => p.LatestVersion > 0).Select(p => new { p.Id, p.LatestVersion }).ToListAsync(ct))
                .Select(p => (p.Id, p.LatestVersion)).ToList();
        foreach (var (id, version) in latest)
            if (await catalog.GetAsync(id, version, ct) is { } playbook) await OnPublishedAsync(playbook, ct);
    }

    /// <summary>Quartz's own cron check, plugged into the compiler so bad expressions fail validation.</summary>
    public static string? CronError(string cron)
    {
        try
        {
            CronExpression.Parse(cron);
            return null;
        }
        catch (FormatException e)
        {
            return $"\"{cron}\" is not a valid cron expression: {e.Message}";
        }
    }
}
