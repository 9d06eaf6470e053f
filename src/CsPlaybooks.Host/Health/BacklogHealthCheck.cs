using CsPlaybooks.Infrastructure.Observability;
using CsPlaybooks.Infrastructure.Startup;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Health;

/// <summary>
/// Degraded (still HTTP 200) when due timers or an outbox kind have waited longer than
/// <see cref="ObservabilityOptions.BacklogDegradedAfter"/>: the cluster is not keeping up, or a channel keeps failing.
/// </summary>
public sealed class BacklogHealthCheck(BacklogMonitor monitor, StartupState startup, IOptions<ObservabilityOptions> options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        if (!startup.Ready) return HealthCheckResult.Healthy("checked once start-up has finished");
        var (what, lag) = (await monitor.ReadAsync(ct)).Worst();
        var limit = options.Value.BacklogDegradedAfter;
        return lag > limit
            ? HealthCheckResult.Degraded($"{what}: work has waited {lag:c}, longer than Observability:BacklogDegradedAfter ({limit:c})")
            : HealthCheckResult.Healthy($"longest wait: {what} {lag:c}");
    }
}
