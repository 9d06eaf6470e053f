using CsPlaybooks.Infrastructure.Pumps;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Tasks;

/// <summary>Escalates overdue required tasks to the CS lead, on the <see cref="TimeProvider"/> (a virtual clock in tests).</summary>
public sealed class TaskMonitor(TaskService tasks, Wakeups wakeups, IOptions<TaskOptions> options, PumpActivity activity, TimeProvider time, ILogger<TaskMonitor> log)
    : Pump(activity, time, log)
{
    protected override WakeSignal Wake => wakeups.Tasks;
    protected override TimeSpan PollInterval => options.Value.EscalationCheckInterval;
    protected override TimeSpan ErrorDelay => PollInterval;

    public override async Task<int> RunOnceAsync(CancellationToken ct)
    {
        var escalated = await tasks.EscalateOverdueAsync(ct);
        if (escalated > 0) Log.LogInformation("escalated {Count} overdue required task(s) to the CS lead", escalated);
        return escalated;
    }
}
