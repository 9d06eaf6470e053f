using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Quartz;

namespace CsPlaybooks.Infrastructure.Crm;

/// <summary>CRM sync runs as stored: asking for one (a row, then the Quartz job that runs it), listing and reading reports.</summary>
public sealed class CrmSyncRuns(PlaybooksDb db, ICrmConnector connector, ISchedulerFactory schedulers, TimeProvider time)
{
    public const string Queued = "queued", Running = "running", Completed = "completed", Failed = "failed", Deferred = "deferred";

    /// <summary>A new queued run; <paramref name="start"/> hands it to the (cluster-wide, one at a time) sync job.</summary>
    public async Task<CrmSyncRunRecord> QueueAsync(string requestedBy, bool full, bool start, CancellationToken ct)
    {
        await using var context = db.Create();
        var now = time.GetUtcNow();
        var run = new CrmSyncRunRecord
        {
            Id = Guid.CreateVersion7(now), Connector = connector.Name, RequestedBy = requestedBy, Full = full, Status = Queued, RequestedAt = now,
        };
        context.CrmSyncRuns.Add(run);
        await context.SaveChangesAsync(ct);
        if (start) await CrmSyncJob.TriggerAsync(await schedulers.GetScheduler(ct), run.Id, ct);
        return run;
    }

    /// <summary>A run asked for but not started yet: asking again returns it instead of queueing another.</summary>
    public async Task<CrmSyncRunRecord?> WaitingAsync(bool full, CancellationToken ct)
    {
        await using var context = db.Create();
        return await context.CrmSyncRuns.AsNoTracking().Where(r => r.Connector == connector.Name && r.Status == Queued && r.Full == full)
            .OrderBy(r => r.RequestedAt).FirstOrDefaultAsync(ct);
    }

    public async Task<(int Total, List<CrmSyncRunRecord> Items)> ListAsync(int skip, int take, CancellationToken ct)
    {
        await using var context = db.Create();
        var runs = context.CrmSyncRuns.AsNoTracking();
        return (await runs.CountAsync(ct), await runs.OrderByDescending(r => r.RequestedAt).Skip(skip).Take(take).ToListAsync(ct));
    }

    public async Task<CrmSyncRunRecord?> FindAsync(Guid id, CancellationToken ct)
    {
        await using var context = db.Create();
        return await context.CrmSyncRuns.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }
}
