using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Startup;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace CsPlaybooks.Host.Health;

public sealed class DatabaseHealthCheck(PlaybooksDb db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        await using var c = db.Create();
        return await c.Database.CanConnectAsync(ct)
            ? HealthCheckResult.Healthy($"{db.Provider} reachable")
            : HealthCheckResult.Unhealthy($"cannot connect to the {db.Provider} database");
    }
}

public sealed class StartupHealthCheck(StartupState state) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
        Task.FromResult(state.Ready ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("still starting (migrations, workflow files, schedules)"));
}
