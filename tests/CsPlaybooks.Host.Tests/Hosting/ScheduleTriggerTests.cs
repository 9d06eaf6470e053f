using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Scheduling;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace CsPlaybooks.Host.Tests.Hosting;

/// <summary>Schedule (cron) triggers: publishing arms a Quartz cron trigger in the database store; a tick enrols matching accounts once.</summary>
public abstract class ScheduleTriggerTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();

    [Fact]
    public async Task Publish_ArmsQuartzCron_AndTickEnrolsMatchingAccountsOnce()
    {
        var id = Samples.NewId("monthly");
        var definition = Samples.Onboarding(id, trigger: new JsonObject
        {
            ["type"] = "schedule", ["cron"] = "0 0 9 1 * ?", ["timeZone"] = "Europe/Berlin", ["when"] = "account.stage == \"growth\"",
        });
        var (growth, onboarding) = (Samples.NewId("acct"), Samples.NewId("acct"));
        var growthAccount = Samples.Account(growth);
        growthAccount["stage"] = "growth";
        await Samples.CreateAccount(_ops, growthAccount);
        await Samples.CreateAccount(_ops, Samples.Account(onboarding));
        await Samples.Publish(_ops, definition);

        var scheduler = await fixture.Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var trigger = (ICronTrigger?)await scheduler.GetTrigger(new TriggerKey(id, ScheduleSync.Group));
        Assert.NotNull(trigger);
        Assert.Equal("0 0 9 1 * ?", trigger.CronExpressionString);

        var job = fixture.Host.Services.GetRequiredService<ScheduledEnrolmentJob>();
        var tick = new DateTimeOffset(2026, 4, 1, 7, 0, 0, TimeSpan.Zero);
        await job.EnrolMatchingAsync(id, tick, CancellationToken.None);
        await job.EnrolMatchingAsync(id, tick, CancellationToken.None);

        Assert.Equal(1, (int)(await _ops.GetJson($"/api/instances?playbookId={id}&accountId={growth}"))["total"]!);
        Assert.Equal(0, (int)(await _ops.GetJson($"/api/instances?playbookId={id}&accountId={onboarding}"))["total"]!);
    }

    [Fact]
    public async Task Publish_WithoutSchedule_RemovesCron()
    {
        var id = Samples.NewId("monthly");
        await Samples.Publish(_ops, Samples.Onboarding(id, trigger: new JsonObject { ["type"] = "schedule", ["cron"] = "0 0 9 1 * ?" }));
        await Samples.Publish(_ops, Samples.Onboarding(id));
        var scheduler = await fixture.Host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        Assert.Null(await scheduler.GetTrigger(new TriggerKey(id, ScheduleSync.Group)));
    }
}

public sealed class ScheduleTriggerTests_Sqlite(SqliteHost f) : ScheduleTriggerTests(f), IClassFixture<SqliteHost>;
public sealed class ScheduleTriggerTests_Postgres(PostgresHost f) : ScheduleTriggerTests(f), IClassFixture<PostgresHost>;
