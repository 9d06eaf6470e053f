using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Crm;

/// <summary>
/// Runs one sync: companies, then contacts, then closed-won deals, each from its cursor, a page at a time. Every
/// record of a page is applied (each commits through the account writer), then the page's counts, skip reasons and
/// the advanced cursor commit together — so a crash or a failure mid-page leaves the cursor where it was and the next
/// run reads the page again (applying a record twice changes nothing), never skipping one. The cursor is "modified at
/// or after" the newest record applied, so records sharing that moment are read again rather than missed.
/// Rate limits: a 429 is waited out (its <c>Retry-After</c>, on the <see cref="TimeProvider"/>) up to
/// <see cref="CrmSyncOptions.MaxRateLimitWaits"/> times; then the run ends "deferred" and the next resumes at the cursor.
/// </summary>
public sealed class CrmSyncRunner(PlaybooksDb db, ICrmConnector connector, CrmRecordApplier applier, IOptions<CrmSyncOptions> options,
    TimeProvider time, ILogger<CrmSyncRunner> log)
{
    public const int MaxSkipsKept = 1000;

    public async Task RunAsync(Guid runId, CancellationToken ct)
    {
        bool full;
        await using (var context = db.Create())
        {
            var run = await context.CrmSyncRuns.FirstOrDefaultAsync(r => r.Id == runId, ct);
            if (run is null || run.Status != CrmSyncRuns.Queued) return;
            // Runs are one at a time cluster-wide (the Quartz job), so another "running" one was cut off by a stopped node.
            foreach (var cut in await context.CrmSyncRuns.Where(r => r.Connector == connector.Name && r.Status == CrmSyncRuns.Running).ToListAsync(ct))
                Finish(cut, CrmSyncRuns.Failed, "interrupted: the node running it stopped; a later run resumed at the cursor");
            run.Status = CrmSyncRuns.Running;
            run.StartedAt = time.GetUtcNow();
            full = run.Full;
            await context.SaveChangesAsync(ct);
        }
        var (status, error) = (CrmSyncRuns.Completed, (string?)null);
        try
        {
            foreach (var type in Enum.GetValues<CrmObjectType>()) await SyncAsync(runId, type, full, ct);
        }
        catch (CrmRetryLaterException e)
        {
            (status, error) = (CrmSyncRuns.Deferred, $"{e.Message}; the next run resumes at the cursor");
        }
        catch (CrmAccessException e)
        {
            (status, error) = (CrmSyncRuns.Failed, e.Message);
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            (status, error) = (CrmSyncRuns.Failed, "stopped: the host shut down; the next run resumes at the cursor");
        }
        catch (Exception e)
        {
            log.LogError(e, "CRM sync run {Run} failed", runId);
            (status, error) = (CrmSyncRuns.Failed, e.Message);
        }
        await using (var context = db.Create())
        {
            var run = await context.CrmSyncRuns.FirstAsync(r => r.Id == runId, CancellationToken.None);
            Finish(run, status, error);
            await context.SaveChangesAsync(CancellationToken.None);
        }
        log.LogInformation("CRM sync run {Run}: {Status} {Error}", runId, status, error);
    }

    private void Finish(CrmSyncRunRecord run, string status, string? error)
    {
        run.Status = status;
        run.Error = error;
        run.FinishedAt = time.GetUtcNow();
    }

    private async Task SyncAsync(Guid runId, CrmObjectType type, bool full, CancellationToken ct)
    {
        var cursor = full ? null : await CursorAsync(type, ct);
        string? after = null;
        while (true)
        {
            var page = await PullAsync(type, cursor, after, ct);
            var applied = new List<(CrmItem Item, CrmApplied Result)>();
            foreach (var item in page.Items) applied.Add((item, await applier.ApplyAsync(connector.Name, item, ct)));
            var advanced = await RecordPageAsync(runId, type, applied, ct);
            if (page.After is { } next) after = next;
            else if (page.RestartFromCursor && advanced > cursor) (cursor, after) = (advanced, null);
            else if (page.RestartFromCursor) throw new InvalidOperationException($"more than a search's worth of {type.ToString().ToLowerInvariant()} share one modification time; the cursor cannot move past them");
            else return;
        }
    }

    private async Task<CrmPage> PullAsync(CrmObjectType type, DateTimeOffset? since, string? after, CancellationToken ct)
    {
        for (var waits = 0; ; waits++)
        {
            try
            {
                return await connector.PullAsync(type, since, after, ct);
            }
            catch (CrmRetryLaterException e) when (waits < options.Value.MaxRateLimitWaits && (e.RetryAfter ?? TimeSpan.Zero) <= options.Value.MaxRetryAfter)
            {
                var wait = e.RetryAfter is { } retryAfter && retryAfter > TimeSpan.Zero ? retryAfter : options.Value.DefaultRetryAfter;
                log.LogWarning("CRM sync: {Message}; waiting {Wait}", e.Message, wait);
                await Task.Delay(wait, time, ct);
            }
        }
    }

    private async Task<DateTimeOffset?> CursorAsync(CrmObjectType type, CancellationToken ct)
    {
        await using var context = db.Create();
        var name = type.ToString().ToLowerInvariant();
        return await context.CrmCursors.AsNoTracking().Where(c => c.Connector == connector.Name && c.ObjectType == name)
            .Select(c => (DateTimeOffset?)c.ModifiedSince).FirstOrDefaultAsync(ct);
    }

    /// <summary>The page's counts, skip reasons and advanced cursor in one commit; returns the cursor.</summary>
    private async Task<DateTimeOffset?> RecordPageAsync(Guid runId, CrmObjectType type, List<(CrmItem Item, CrmApplied Result)> applied, CancellationToken ct)
    {
        await using var context = db.Create();
        var run = await context.CrmSyncRuns.FirstAsync(r => r.Id == runId, ct);
        run.Pages++;
        run.Created += applied.Count(a => a.Result.Outcome == CrmOutcome.Created);
        run.Updated += applied.Count(a => a.Result.Outcome == CrmOutcome.Updated);
        run.Unchanged += applied.Count(a => a.Result.Outcome == CrmOutcome.Unchanged);
        var skipped = applied.Where(a => a.Result.Outcome == CrmOutcome.Skipped).ToList();
        run.Skipped += skipped.Count;
        var kept = JsonNode.Parse(run.SkippedJson)!.AsArray();
        var name = type.ToString().ToLowerInvariant();
        foreach (var (item, result) in skipped.Take(Math.Max(0, MaxSkipsKept - kept.Count)))
            kept.Add(new JsonObject { ["type"] = name, ["id"] = item.Id, ["reason"] = result.Reason });
        run.SkippedJson = kept.ToJsonString();

        var row = await context.CrmCursors.FirstOrDefaultAsync(c => c.Connector == connector.Name && c.ObjectType == name, ct);
        if (applied.Count > 0)
        {
            var newest = applied.Max(a => a.Item.ModifiedAt);
            if (row is null) context.CrmCursors.Add(row = new CrmCursorRecord { Connector = connector.Name, ObjectType = name, ModifiedSince = newest });
            else if (newest > row.ModifiedSince) row.ModifiedSince = newest;
            row.UpdatedAt = time.GetUtcNow();
            row.RunId = runId;
        }
        await context.SaveChangesAsync(ct);
        return row?.ModifiedSince;
    }
}
