using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Tasks;

/// <summary>Escalates overdue required tasks to the CS lead, on the <see cref="TimeProvider"/> (a virtual clock in tests).</summary>
public sealed class TaskMonitor(TaskService tasks, IOptions<TaskOptions> options, TimeProvider time, ILogger<TaskMonitor> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var escalated = await tasks.EscalateOverdueAsync(ct);
                if (escalated > 0) log.LogInformation("escalated {Count} overdue required task(s) to the CS lead", escalated);
                await Task.Delay(options.Value.EscalationCheckInterval, time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "task escalation check failed; retrying at the next interval");
                await Task.Delay(options.Value.EscalationCheckInterval, time, ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }
}
