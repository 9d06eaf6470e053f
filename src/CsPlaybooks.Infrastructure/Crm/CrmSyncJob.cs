using Quartz;

namespace CsPlaybooks.Infrastructure.Crm;

/// <summary>
/// The CRM sync on Quartz: on its cron (<c>Crm:HubSpot:Schedule</c>) it queues and runs a run of its own; triggered
/// with a run id (<c>POST /api/crm/sync</c>) it runs that one. Quartz runs it on one node at a time in a cluster.
/// </summary>
[DisallowConcurrentExecution]
public sealed class CrmSyncJob(CrmSyncRuns runs, CrmSyncRunner runner) : IJob
{
    public static readonly JobKey Key = new("crm-sync", "crm");
    private static readonly TriggerKey ScheduleKey = new("crm-sync-schedule", "crm");
    private const string RunId = "runId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var id = Guid.TryParse(context.MergedJobDataMap.GetString(RunId), out var asked) ? asked
            : (await runs.QueueAsync("schedule", full: false, start: false, cancellationToken)).Id;
        await runner.RunAsync(id, cancellationToken);
    }

    /// <summary>Stores the job and arms (or, with no <paramref name="cron"/>, removes) its schedule.</summary>
    public static async Task ScheduleAsync(IScheduler scheduler, string? cron, CancellationToken ct)
    {
        var job = JobBuilder.Create<CrmSyncJob>().WithIdentity(Key).StoreDurably().WithDescription("CRM sync").Build();
        await scheduler.AddJob(job, AddJobOptions.Replacing, ct);
        if (string.IsNullOrWhiteSpace(cron))
        {
            await scheduler.UnscheduleJob(ScheduleKey, ct);
            return;
        }
        var trigger = TriggerBuilder.Create().WithIdentity(ScheduleKey).ForJob(Key)
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
    }

    public static Task TriggerAsync(IScheduler scheduler, Guid runId, CancellationToken ct) =>
        scheduler.TriggerJob(Key, new JobDataMap { [RunId] = runId.ToString() }, ct).AsTask();
}
