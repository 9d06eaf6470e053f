using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Events;

/// <summary>
/// Finishes events that were accepted but not processed (the process stopped in between): on start-up and then
/// every minute, for events older than a few seconds. Processing is idempotent, so a double run is harmless.
/// </summary>
public sealed class EventRecovery(PlaybooksDb db, WorkflowRuntime runtime, TimeProvider time, ILogger<EventRecovery> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMinutes(1);
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var first = true;
        while (!ct.IsCancellationRequested)
        {
            try
            {
                await RecoverAsync(first ? TimeSpan.Zero : Grace, ct);
                first = false;
                await Task.Delay(Interval, time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                log.LogError(e, "event recovery failed; retrying in {Interval}", Interval);
                await Task.Delay(Interval, time, ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }

    public async Task<int> RecoverAsync(TimeSpan olderThan, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - olderThan;
        List<string> ids;
        await using (var context = db.Create())
            ids = await context.Events.AsNoTracking().Where(e => e.ProcessedAt == null && e.ReceivedAt <= cutoff)
                .OrderBy(e => e.ReceivedAt).Select(e => e.Id).Take(1000).ToListAsync(ct);
        foreach (var id in ids) await runtime.ProcessEventAsync(id, ct);
        if (ids.Count > 0) log.LogInformation("processed {Count} event(s) left unprocessed by an earlier run", ids.Count);
        return ids.Count;
    }
}
