using Microsoft.Extensions.Logging;
using Quartz;

namespace CsPlaybooks.Infrastructure.Triggers;

/// <summary>Runs the <see cref="TriggerSweep"/> on its cron (config <c>Triggers:SweepCron</c>, default daily 06:00 UTC); one node at a time in a cluster.</summary>
[DisallowConcurrentExecution]
public sealed class TriggerSweepJob(TriggerSweep sweep, ILogger<TriggerSweepJob> log) : IJob
{
    public static readonly JobKey Key = new("trigger-sweep", "maintenance");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var result = await sweep.RunAsync(cancellationToken);
        log.LogInformation("trigger sweep: {Accounts} accounts checked, {Enrolled} enrolled", result.AccountsChecked, result.Enrolled);
    }

    public static async Task ScheduleAsync(IScheduler scheduler, string cron, CancellationToken ct)
    {
        var job = JobBuilder.Create<TriggerSweepJob>().WithIdentity(Key).StoreDurably().WithDescription("contractDate and segment triggers").Build();
        var trigger = TriggerBuilder.Create().WithIdentity("trigger-sweep", "maintenance").ForJob(Key)
            .WithCronSchedule(cron, c => c.InTimeZone(TimeZoneInfo.Utc).WithMisfireInstruction(CronTriggerMisfireInstruction.FireAndProceed)).Build();
        await scheduler.ScheduleJob(job, [trigger], new ScheduleJobOptions { Replace = true }, ct);
    }
}
