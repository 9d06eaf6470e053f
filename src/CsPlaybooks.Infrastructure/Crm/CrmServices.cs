using CsPlaybooks.Infrastructure.Crm.HubSpot;
using CsPlaybooks.Infrastructure.Scheduling;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Quartz;

namespace CsPlaybooks.Infrastructure.Crm;

public static class CrmServices
{
    /// <summary>The CRM sync (HubSpot): configuration sections <c>Crm</c> and <c>Crm:HubSpot</c>, the Quartz job and its schedule.</summary>
    public static IServiceCollection AddCrm(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<CrmSyncOptions>(configuration.GetSection("Crm"));
        services.AddOptions<HubSpotOptions>().Bind(configuration.GetSection(HubSpotOptions.Section))
            .Validate(o => string.IsNullOrWhiteSpace(o.Schedule) || ScheduleSync.CronError(o.Schedule) is null, $"{HubSpotOptions.Section}:Schedule is not a valid Quartz cron expression")
            .ValidateOnStart();
        services.AddHttpClient(nameof(HubSpotClient));
        services.AddSingleton<HubSpotClient>();
        services.AddSingleton<ICrmConnector, HubSpotConnector>();
        services.AddSingleton<CrmRecordApplier>();
        services.AddSingleton<CrmSyncRunner>();
        services.AddSingleton<CrmSyncRuns>();
        services.AddTransient<CrmSyncJob>();
        services.AddHostedService<CrmSchedule>();
        return services;
    }
}

/// <summary>Arms the sync's schedule once Quartz is up; no schedule while the connector has no credentials.</summary>
internal sealed class CrmSchedule(ISchedulerFactory schedulers, ICrmConnector connector, IOptions<HubSpotOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken ct) =>
        await CrmSyncJob.ScheduleAsync(await schedulers.GetScheduler(ct), connector.IsConfigured ? options.Value.Schedule : null, ct);

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}
