using CsPlaybooks.Infrastructure.Pumps;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Observability;

/// <summary>
/// Refreshes <see cref="BacklogMonitor.Latest"/> for the gauges every <see cref="ObservabilityOptions.BacklogSampleInterval"/>,
/// so a scrape never waits for the database. It reports zero items handled, so it never holds up a drain.
/// </summary>
public sealed class BacklogSampler(BacklogMonitor monitor, IOptions<ObservabilityOptions> options, PumpActivity activity, TimeProvider time, ILogger<BacklogSampler> log)
    : Pump(activity, time, log)
{
    protected override WakeSignal Wake { get; } = new();
    protected override TimeSpan PollInterval => options.Value.BacklogSampleInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        await monitor.ReadAsync(ct);
        return 0;
    }
}
