using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Demo;

/// <summary>Configuration section <c>Demo</c>: <c>Load</c> (default false) loads the demo book on start when it is not loaded (the <c>--demo</c> switch sets it).</summary>
public sealed class DemoOptions
{
    public bool Load { get; set; }

    /// <summary>The command-line switch <c>--demo</c> (a bare flag, which .NET's configuration cannot read) as <c>--Demo:Load=true</c>.</summary>
    public static string[] TranslateSwitch(string[] args) => args.Select(a => a == "--demo" ? "--Demo:Load=true" : a).ToArray();
}

/// <summary>
/// With <c>Demo:Load</c>, loads the demo book once the playbooks are published (it runs after <c>PlaybookStartup</c>). Nodes
/// starting together take turns on the start-up lock; the second finds the book loaded and does nothing.
/// </summary>
public sealed class DemoStartup(DemoBook book, IOptions<DemoOptions> options, ILogger<DemoStartup> log) : IHostedService
{
    public async Task StartAsync(CancellationToken ct)
    {
        if (!options.Value.Load) return;
        var loaded = await book.LoadAsync(ct);
        log.LogInformation(loaded ? "demo book loaded (remove it with DELETE /api/demo or in the designer)" : "demo book already loaded; nothing changed");
    }

    public Task StopAsync(CancellationToken ct) => Task.CompletedTask;
}

public static class DemoServices
{
    /// <summary>The demo book and its start-up switch; register after the other hosted services so it loads once playbooks are published.</summary>
    public static IServiceCollection AddDemoBook(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<DemoOptions>(configuration.GetSection("Demo"));
        services.AddSingleton<DemoBook>();
        services.AddHostedService<DemoStartup>();
        return services;
    }
}
