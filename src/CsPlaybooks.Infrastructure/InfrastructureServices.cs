using CsPlaybooks.Infrastructure.Pumps;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Triggers;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Crm;
using CsPlaybooks.Infrastructure.Demo;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Events;
using CsPlaybooks.Infrastructure.Notifications;
using CsPlaybooks.Infrastructure.Observability;
using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Scheduling;
using CsPlaybooks.Infrastructure.Security;
using CsPlaybooks.Infrastructure.Startup;
using CsPlaybooks.Infrastructure.Tasks;
using CsPlaybooks.Infrastructure.Timers;
using CsPlaybooks.Infrastructure.Triggers;
using CsPlaybooks.Infrastructure.Webhooks;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using CsPlaybooks.Infrastructure.Health;
using CsPlaybooks.Success.Health;
using CsPlaybooks.Success.Email;
using CsPlaybooks.Success.Steps;
using Quartz;

namespace CsPlaybooks.Infrastructure;

public static class InfrastructureServices
{
    /// <summary>
    /// Registers storage, the runtime, timers, outbox and schedules. Configuration sections: Database, Timers,
    /// Outbox, Workflows (see docs/configuration.md). Hosted services start in this order: migrations, Quartz,
    /// workflow files + schedules, then the pumps.
    /// </summary>
    public static IServiceCollection AddCsPlaybooks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DatabaseOptions>(configuration.GetSection("Database"));
        services.Configure<TimerOptions>(configuration.GetSection("Timers"));
        services.Configure<OutboxOptions>(configuration.GetSection("Outbox"));
        services.Configure<EventOptions>(configuration.GetSection("Events"));
        services.Configure<WorkflowFilesOptions>(configuration.GetSection("Workflows"));
        services.AddSingleton(TimeProvider.System);

        services.AddEmail(configuration);
        services.AddSingleton(sp => StepRegistry.CreateDefault().AddSuccessSteps(new SuccessStepDependencies { EmailTemplates = sp.GetRequiredService<IEmailTemplateLibrary>() }));
        services.AddSingleton(sp => new PlaybookCompiler(sp.GetRequiredService<StepRegistry>(), new TriggerCompileOptions(ScheduleSync.CronError)));
        services.AddSingleton<PlaybookInterpreter>();
        services.AddSingleton<ICronSchedule, QuartzCronSchedule>();
        services.AddSingleton<PlaybookSimulator>();
        services.AddSingleton<Success.Simulation.SimulationWorlds>();
        services.AddSingleton<Success.Simulation.BookForecast>();
        services.AddSingleton<Forecasts.ForecastJobs>();

        services.AddSingleton<PlaybooksDb>();
        services.AddSingleton<SharedSecrets>();
        services.AddSingleton<DatabaseMigrator>();
        services.AddSingleton<PlaybookCatalog>();
        services.AddSingleton<PlaybookService>();
        services.AddSingleton<AccountStore>();
        services.AddSingleton<InstanceLocks>();
        services.AddSingleton<Wakeups>();
        services.AddSingleton<PumpActivity>();
        services.AddSingleton<NodeIdentity>();
        services.AddSingleton<CommitBatcher>();
        services.AddSingleton<BurstRunner>();
        services.AddSingleton<EventQueue>();
        services.AddSingleton<EventTriggerIndex>();
        services.AddSingleton<AccountWriter>();
        services.AddSingleton<Faults.FaultInjection>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<RowClaimer>();
        services.AddSingleton<IOutboxHandler, StartPlaybookHandler>();
        services.AddSingleton<DeliveryRetries>();
        services.Configure<WebhookOptions>(configuration.GetSection("Webhooks"));
        services.AddSingleton<WebhookSigningKeys>();
        services.AddSingleton<WebhookTargets>();
        services.AddHttpClient(nameof(WebhookHandler)).ConfigurePrimaryHttpMessageHandler(sp => new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            ConnectCallback = sp.GetRequiredService<WebhookTargets>().ConnectAsync,
        });
        services.AddSingleton<IOutboxHandler, WebhookHandler>();
        services.AddSingleton<IOutboxHandler, NotifyHandler>();
        services.Configure<ChatOptions>(configuration.GetSection("Notifications"));
        services.AddHttpClient(nameof(SlackNotifyHandler));
        services.AddHttpClient(nameof(TeamsNotifyHandler));
        services.AddSingleton<IOutboxHandler, SlackNotifyHandler>();
        services.AddSingleton<IOutboxHandler, TeamsNotifyHandler>();
        services.AddSingleton<ScheduleSync>();
        services.AddSingleton<IPlaybookPublishedHandler>(sp => sp.GetRequiredService<ScheduleSync>());
        services.AddSingleton<WorkflowFiles>();
        services.AddOptions<HealthOptions>().Bind(configuration.GetSection("Health"))
            .Validate(o => !o.Problems().Any(), "the Health section is invalid: check weights (sum 100), bands and grain").ValidateOnStart();
        services.AddSingleton(sp => new HealthCalculator(sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthOptions>>().Value));
        services.AddSingleton<UsageService>();
        services.Configure<TriggerSweepOptions>(configuration.GetSection("Triggers"));
        services.AddSingleton<TriggerSweep>();
        services.AddTransient<TriggerSweepJob>();
        services.AddSingleton<StartupState>();
        services.AddTransient<ScheduledEnrolmentJob>();

        var database = configuration.GetSection("Database").Get<DatabaseOptions>() ?? new DatabaseOptions();
        var quartzConnection = new PlaybooksDb(Microsoft.Extensions.Options.Options.Create(database)).ConnectionString;
        services.AddQuartz(q =>
        {
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                store.ProvisionSchema();
                switch (database.Provider)
                {
                    case DatabaseProvider.Postgres:
                        store.UsePostgres(quartzConnection);
                        store.UseClustering();
                        break;
                    case DatabaseProvider.SqlServer:
                        store.UseSqlServer(quartzConnection);
                        store.UseClustering();
                        break;
                    default:
                        store.UseSqlite(quartzConnection);
                        break;
                }
            });
        });

        services.AddSingleton<StartupLock>();
        services.AddSingleton<QuartzLockRows>();
        services.AddHostedService<DatabaseStartup>();
        services.AddQuartzHostedService(o => o.WaitForJobsToComplete = true);
        services.AddHostedService<PlaybookStartup>();
        services.AddSingleton<TimerPump>();
        services.AddHostedService(sp => sp.GetRequiredService<TimerPump>());
        services.AddSingleton<OutboxPump>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxPump>());
        services.AddSingleton<EventPump>();
        services.AddHostedService(sp => sp.GetRequiredService<EventPump>());
        services.AddTasks(configuration);
        services.Configure<ObservabilityOptions>(configuration.GetSection("Observability"));
        services.AddMetrics();
        services.AddSingleton<BacklogMonitor>();
        services.AddSingleton<BacklogSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<BacklogSampler>());
        if (database.Provider == DatabaseProvider.Sqlite) services.AddHostedService<SqliteStatistics>();
        services.AddCrm(configuration);
        services.AddDemoBook(configuration);
        return services;
    }
}
