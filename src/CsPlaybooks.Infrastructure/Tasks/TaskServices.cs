using Azure.Core;
using CsPlaybooks.Infrastructure.Csms;
using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Infrastructure.Tasks.Todo;
using CsPlaybooks.Success.Csms;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Tasks;

public static class TaskServices
{
    /// <summary>
    /// CSMs, assignment, the task inbox, escalation, and (when <c>Graph</c> credentials are configured) the Microsoft To Do
    /// mirror. Sections: Csms (TouchModelsByTier, DefaultCapacity), Tasks, Graph. A <see cref="TokenCredential"/> registered
    /// in DI replaces the client-secret credential (tests use a fake one).
    /// </summary>
    public static IServiceCollection AddTasks(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<TaskOptions>(configuration.GetSection("Tasks"));
        services.Configure<GraphOptions>(configuration.GetSection("Graph"));
        services.Configure<AssignmentRules>(rules => ReadRules(configuration.GetSection("Csms"), rules));
        services.AddSingleton<TaskService>();
        services.AddSingleton<CsmService>();
        services.AddSingleton<IOutboxHandler, TaskMessageHandler>();
        services.AddSingleton<IOutboxHandler, AssignCsmHandler>();
        services.AddHostedService<TaskMonitor>();

        if (configuration.GetSection("Graph").Get<GraphOptions>() is { Enabled: true })
        {
            services.AddSingleton(sp => new TodoClient(sp.GetRequiredService<IOptions<GraphOptions>>(), sp.GetRequiredService<TimeProvider>(), sp.GetService<TokenCredential>()));
            services.AddSingleton<IOutboxHandler, TodoCreateHandler>();
            services.AddSingleton<IOutboxHandler, TodoCompleteHandler>();
            services.AddSingleton<TodoSync>();
            services.AddHostedService(sp => sp.GetRequiredService<TodoSync>());
        }
        return services;
    }

    /// <summary>Configured entries replace the defaults key by key (a list from configuration is not appended to the default list).</summary>
    private static void ReadRules(IConfigurationSection section, AssignmentRules rules)
    {
        foreach (var tier in section.GetSection("TouchModelsByTier").GetChildren())
            rules.TouchModelsByTier[tier.Key] = tier.GetChildren().Select(c => c.Value).OfType<string>().ToList();
        foreach (var model in section.GetSection("DefaultCapacity").GetChildren())
            if (int.TryParse(model.Value, out var capacity)) rules.DefaultCapacity[model.Key] = capacity;
    }
}
