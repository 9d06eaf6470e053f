using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Scheduling;
using CsPlaybooks.Infrastructure.Security;
using Microsoft.Extensions.Hosting;
using CsPlaybooks.Infrastructure.Triggers;
using Microsoft.Extensions.Options;
using Quartz;

namespace CsPlaybooks.Infrastructure.Startup;

/// <summary>Whether start-up finished; /health/ready reports it.</summary>
public sealed class StartupState
{
    public volatile bool Ready;
}

/// <summary>Runs before the scheduler starts: takes the start-up lock, applies database migrations, then loads (or creates) the secrets all nodes share.</summary>
public sealed class DatabaseStartup(StartupLock startupLock, DatabaseMigrator migrator, SharedSecrets secrets) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        await startupLock.AcquireAsync(ct);
        await migrator.MigrateAsync(ct);
        await secrets.LoadAsync(ct);
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

/// <summary>Runs once the scheduler is up: publishes changed workflow files, arms schedules, releases the start-up lock, then marks the node ready.</summary>
public sealed class PlaybookStartup(WorkflowFiles files, ScheduleSync schedules, ISchedulerFactory schedulers, QuartzLockRows lockRows,
    StartupState state, StartupLock startupLock, IOptions<WorkflowFilesOptions> options, IOptions<TriggerSweepOptions> sweep) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        try
        {
            await files.LoadAsync(options.Value.Directory, ct);
            await schedules.ReconcileAsync(ct);
            var scheduler = await schedulers.GetScheduler(ct);
            await lockRows.EnsureAsync(scheduler.SchedulerName, ct);
            await TriggerSweepJob.ScheduleAsync(scheduler, sweep.Value.SweepCron, ct);
        }
        finally
        {
            await startupLock.DisposeAsync(); // the next node may start
        }
        state.Ready = true;
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
