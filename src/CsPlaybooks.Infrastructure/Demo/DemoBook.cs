using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Triggers;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Csms;
using CsPlaybooks.Infrastructure.Health;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Scheduling;
using CsPlaybooks.Infrastructure.Startup;
using CsPlaybooks.Infrastructure.Triggers;
using CsPlaybooks.Success.Health;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Infrastructure.Demo;

/// <summary>What the demo book holds now.</summary>
public sealed record DemoStatus(bool Loaded, int Accounts, int ExpectedAccounts, int Csms, IReadOnlyDictionary<string, int> Stages,
    IReadOnlyDictionary<string, int> Bands, IReadOnlyDictionary<string, int> RunningByPlaybook, int OpenTasks);

/// <summary>What a removal took away.</summary>
public sealed record DemoRemoval(int Accounts, int Csms, int InstancesCancelled, int Tasks, int Emails);

/// <summary>
/// Loads and removes the sample book of <see cref="DemoPlan"/> (docs/demo.md). Loading writes through the product's own
/// writers — CSMs through <see cref="CsmService"/>, accounts through <see cref="AccountWriter"/> (history, columns, the
/// <c>account.signed</c> event of the just signed in the same commit), usage period by period through
/// <see cref="UsageService"/> (health scored and kept as history) — then lets the triggers enrol as production does: the
/// trigger sweep (contractDate, segment) and the latest tick of each schedule, for the demo accounts only. Loading is
/// idempotent and resumable (what exists is kept); load and removal hold the start-up lock, so nodes never load twice.
/// </summary>
public sealed class DemoBook(PlaybooksDb db, CsmService csms, AccountWriter writer, UsageService usage, HealthCalculator calculator,
    TriggerSweep sweep, PlaybookCatalog catalog, ICronSchedule cron, IServiceProvider services, Runtime.WorkflowRuntime runtime, TimeProvider time)
{
    private readonly SemaphoreSlim _gate = new(1, 1); // SQLite has no start-up lock; one node, so one gate

    /// <summary>Loads the book unless every demo account is already there; returns false when nothing had to be done.</summary>
    public async Task<bool> LoadAsync(CancellationToken ct)
    {
        await using var exclusive = await ExclusiveAsync(ct);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var planned = DemoPlan.Accounts(today);
        if (await CountAccountsAsync(ct) >= planned.Count) return false;

        foreach (var csm in DemoPlan.Csms) await csms.SaveAsync(csm, ct);
        foreach (var account in planned)
        {
            await writer.EditAsync(account.Id, "demo book", (edit, _) =>
            {
                if (edit.Json is not null) return Task.FromResult(false); // kept as it is (a playbook may have moved it on)
                edit.Replace(account.Document);
                edit.Reason = "demo book loaded";
                if (account.Signed) edit.Raise($"demo:account.signed:{account.Id}", "account.signed", new JsonObject { ["by"] = "demo book" });
                return Task.FromResult(true);
            }, ct);
            foreach (var period in DemoUsage.Periods(account, today, calculator)) await usage.RecordAsync(account.Id, period, ct);
        }
        await sweep.RunAsync(ct);
        await CatchUpSchedulesAsync(ct);
        return true;
    }

    /// <summary>
    /// Runs each schedule-triggered playbook's latest tick (at or before now) for the demo accounts, as if the book had
    /// existed then: a monthly report playbook has this month's run. The tick's time is in the enrolment key, so Quartz
    /// firing it too never enrols twice.
    /// </summary>
    private async Task CatchUpSchedulesAsync(CancellationToken ct)
    {
        List<string> ids;
        await using (var context = db.Create())
            ids = await context.Playbooks.AsNoTracking().Where(p => p.LatestVersion > 0).Select(p => p.Id).ToListAsync(ct);
        var job = services.GetRequiredService<ScheduledEnrolmentJob>();
        var now = time.GetUtcNow();
        foreach (var id in ids)
        {
            if ((await catalog.GetLatestAsync(id, ct))?.TriggerSettings is not ScheduleTriggerSettings settings) continue;
            if (LatestTick(settings, now) is { } tick) await job.EnrolMatchingAsync(id, tick, ct, new AccountFilter(Tag: DemoPlan.Tag));
        }
    }

    private DateTimeOffset? LatestTick(ScheduleTriggerSettings settings, DateTimeOffset now)
    {
        DateTimeOffset? latest = null;
        var at = now.AddDays(-400);
        for (var i = 0; i < 10_000 && cron.NextFireAfter(settings.Cron, settings.TimeZone, at) is { } next && next <= now; i++) latest = at = next;
        return latest;
    }

    public async Task<DemoStatus> StatusAsync(CancellationToken ct)
    {
        await using var context = db.Create();
        var accounts = DemoAccounts(context);
        var rows = await accounts.Select(a => new { a.Stage, a.HealthBand }).ToListAsync(ct);
        var ids = accounts.Select(a => a.Id);
        var running = await context.Instances.AsNoTracking().Where(i => i.Status == "running" && ids.Contains(i.AccountId))
            .GroupBy(i => i.PlaybookId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        var openTasks = await context.Tasks.CountAsync(t => t.Status == "open" && ids.Contains(t.AccountId), ct);
        var csmCount = await context.Csms.CountAsync(c => c.Id.StartsWith(DemoPlan.CsmIdPrefix), ct);
        return new DemoStatus(rows.Count >= DemoPlan.AccountCount, rows.Count, DemoPlan.AccountCount, csmCount,
            rows.GroupBy(r => r.Stage ?? "none").OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            rows.GroupBy(r => r.HealthBand ?? AccountFilter.Unscored).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            running.OrderBy(r => r.Key).ToDictionary(r => r.Key, r => r.Count), openTasks);
    }

    /// <summary>
    /// Removes everything the demo created: its running instances are cancelled, then in one transaction its accounts
    /// with their history, usage, health, segment membership, CSM journal, events, tasks, emails (unsent ones never go
    /// out), outbox messages and instances; then its CSMs. Accounts of your own that a demo CSM owned get a CSM again
    /// through the assignment rules.
    /// </summary>
    public async Task<DemoRemoval> RemoveAsync(CancellationToken ct)
    {
        await using var exclusive = await ExclusiveAsync(ct);
        List<string> ids;
        List<Guid> running;
        await using (var context = db.Create())
        {
            ids = await DemoAccounts(context).Select(a => a.Id).ToListAsync(ct);
            running = await context.Instances.Where(i => i.Status == "running" && ids.Contains(i.AccountId)).Select(i => i.Id).ToListAsync(ct);
        }
        foreach (var id in running) await runtime.CancelAsync(id, "demo data removed", ct);

        int tasks, emails;
        await using (var context = db.Create())
        {
            await using var transaction = await context.Database.BeginTransactionAsync(ct);
            var instances = context.Instances.Where(i => ids.Contains(i.AccountId)).Select(i => i.Id);
            var events = context.Events.Where(e => ids.Contains(e.AccountId)).Select(e => e.Id);
            await context.Outbox.Where(o => instances.Contains(o.InstanceId)).ExecuteDeleteAsync(ct);
            emails = await context.Emails.Where(e => ids.Contains(e.AccountId)).ExecuteDeleteAsync(ct);
            await context.TaskComments.Where(c => context.Tasks.Any(t => t.Id == c.TaskId && ids.Contains(t.AccountId))).ExecuteDeleteAsync(ct);
            tasks = await context.Tasks.Where(t => ids.Contains(t.AccountId)).ExecuteDeleteAsync(ct);
            await context.Journal.Where(j => instances.Contains(j.InstanceId)).ExecuteDeleteAsync(ct);
            await context.Incidents.Where(i => instances.Contains(i.InstanceId)).ExecuteDeleteAsync(ct);
            await context.Bookmarks.Where(b => ids.Contains(b.AccountId)).ExecuteDeleteAsync(ct);
            await context.EventDeliveries.Where(d => events.Contains(d.EventId) || instances.Contains(d.InstanceId)).ExecuteDeleteAsync(ct);
            await context.Events.Where(e => ids.Contains(e.AccountId)).ExecuteDeleteAsync(ct);
            await context.Instances.Where(i => ids.Contains(i.AccountId)).ExecuteDeleteAsync(ct);
            await context.SegmentMembers.Where(m => ids.Contains(m.AccountId)).ExecuteDeleteAsync(ct);
            await context.HealthHistory.Where(h => ids.Contains(h.AccountId)).ExecuteDeleteAsync(ct);
            await context.UsageFacts.Where(u => ids.Contains(u.AccountId)).ExecuteDeleteAsync(ct);
            await context.AccountHistory.Where(h => ids.Contains(h.AccountId)).ExecuteDeleteAsync(ct);
            await context.CsmAssignments.Where(a => ids.Contains(a.AccountId)).ExecuteDeleteAsync(ct);
            await context.Accounts.Where(a => ids.Contains(a.Id)).ExecuteDeleteAsync(ct);
            await transaction.CommitAsync(ct);
        }

        List<string> orphaned;
        int csmCount;
        await using (var context = db.Create())
        {
            orphaned = await context.Accounts.Where(a => a.CsmId != null && a.CsmId.StartsWith(DemoPlan.CsmIdPrefix)).Select(a => a.Id).ToListAsync(ct);
            csmCount = await context.Csms.Where(c => c.Id.StartsWith(DemoPlan.CsmIdPrefix)).ExecuteDeleteAsync(ct);
        }
        foreach (var id in orphaned) await csms.AssignAsync(id, keepExisting: true, "demo data removed", ct);
        return new DemoRemoval(ids.Count, csmCount, running.Count, tasks, emails);
    }

    private async Task<int> CountAccountsAsync(CancellationToken ct)
    {
        await using var context = db.Create();
        return await DemoAccounts(context).CountAsync(ct);
    }

    /// <summary>Demo accounts: the demo id prefix and the demo tag, so an account of your own tagged "demo" is never taken for one.</summary>
    private static IQueryable<Persistence.Entities.AccountRecord> DemoAccounts(PlaybooksDbContext context)
    {
        var pattern = AccountColumns.TagPattern(DemoPlan.Tag);
        return context.Accounts.AsNoTracking().Where(a => a.Id.StartsWith(DemoPlan.IdPrefix) && a.Tags != null && EF.Functions.Like(a.Tags, pattern));
    }

    /// <summary>This node's gate, then the start-up lock across nodes (a node starting with --demo waits, then finds the book loaded).</summary>
    private async Task<IAsyncDisposable> ExclusiveAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        var startupLock = new StartupLock(db);
        try
        {
            await startupLock.AcquireAsync(ct);
        }
        catch
        {
            _gate.Release();
            throw;
        }
        return new Exclusive(startupLock, _gate);
    }

    private sealed class Exclusive(StartupLock startupLock, SemaphoreSlim gate) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            try { await startupLock.DisposeAsync(); }
            finally { gate.Release(); }
        }
    }
}
