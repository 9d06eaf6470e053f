using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Success.Simulation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Forecasts;

public enum ForecastState { Running, Completed, Cancelled, Failed }

public enum CancelOutcome { NotFound, Cancelled, AlreadyFinished }

/// <summary>One forecast in progress or done: progress for a progress bar, then the report.</summary>
public sealed class ForecastJob(Guid id, string playbookId, DateTimeOffset createdAt)
{
    public Guid Id { get; } = id;
    public string PlaybookId { get; } = playbookId;
    public DateTimeOffset CreatedAt { get; } = createdAt;
    public ForecastState State { get; internal set; }
    public int Done { get; internal set; }
    public int Total { get; internal set; }
    public JsonObject? Result { get; internal set; }
    public string? Error { get; internal set; }
    public DateTimeOffset? FinishedAt { get; internal set; }
    internal CancellationTokenSource Cancellation { get; } = new();
    private readonly Lock _end = new();

    /// <summary>
    /// Ends the job in <paramref name="state"/> (with its report when completed) unless it has ended already; a cancel
    /// and the last account racing settle here, so a job answered "cancelled" never turns up completed.
    /// </summary>
    internal bool Finish(ForecastState state, DateTimeOffset at, JsonObject? result = null)
    {
        lock (_end)
        {
            if (State != ForecastState.Running) return false;
            if (result is not null)
            {
                Result = result;
                Done = Total;
            }
            State = state;
            FinishedAt = at;
            return true;
        }
    }
}

/// <summary>
/// Runs forecasts in the background on this node: loads the accounts once (with their CSM as the CSM record has it,
/// as production's unit of work does), runs <see cref="BookForecast"/>, and keeps the job (progress, then the report)
/// for an hour after it finished. Nothing is sent or stored; a restart forgets running and finished jobs.
/// </summary>
public sealed class ForecastJobs(PlaybooksDb db, AccountStore accounts, BookForecast forecast, TimeProvider time, ILogger<ForecastJobs> log)
{
    public static readonly TimeSpan KeptFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<Guid, ForecastJob> _jobs = new();

    public ForecastJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    public ForecastJob Start(ForecastPlan plan, AccountFilter filter)
    {
        var now = time.GetUtcNow();
        foreach (var old in _jobs.Values.Where(j => j.FinishedAt < now - KeptFor)) _jobs.TryRemove(old.Id, out _);
        var job = new ForecastJob(Guid.CreateVersion7(now), plan.PlaybookId, now);
        _jobs[job.Id] = job;
        _ = Task.Run(() => RunAsync(job, plan, filter));
        return job;
    }

    public (CancelOutcome Outcome, ForecastJob? Job) Cancel(Guid id)
    {
        if (!_jobs.TryGetValue(id, out var job)) return (CancelOutcome.NotFound, null);
        if (!job.Finish(ForecastState.Cancelled, time.GetUtcNow())) return (CancelOutcome.AlreadyFinished, job);
        job.Cancellation.Cancel();
        return (CancelOutcome.Cancelled, job);
    }

    private async Task RunAsync(ForecastJob job, ForecastPlan plan, AccountFilter filter)
    {
        var ct = job.Cancellation.Token;
        try
        {
            List<(string Id, string Name, string? Email, bool IsLead)> csms;
            await using (var context = db.Create())
                csms = (await context.Csms.AsNoTracking().OrderBy(c => c.Id).Select(c => new { c.Id, c.Name, c.Email, c.IsLead }).ToListAsync(ct))
                    .Select(c => (c.Id, c.Name, c.Email, c.IsLead)).ToList();
            var byId = csms.ToDictionary(c => c.Id);
            var book = new List<AccountDocument>();
            await foreach (var account in accounts.AllAsync(filter, ct))
            {
                if ((string?)account.Json["csmId"] is { } csmId && byId.TryGetValue(csmId, out var csm))
                    account.Json["csm"] = new JsonObject { ["id"] = csm.Id, ["name"] = csm.Name, ["email"] = csm.Email };
                book.Add(account);
            }
            job.Total = book.Count;
            var full = plan with { Csms = csms.ToDictionary(c => c.Id, c => c.Name), LeadCsmId = csms.FirstOrDefault(c => c.IsLead).Id };
            var counts = await Task.Run(() => forecast.Run(full, book, done => job.Done = done, ct), ct);
            job.Finish(ForecastState.Completed, time.GetUtcNow(), ForecastReport.Build(full, counts, book.Count));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Cancel already marked the job.
        }
        catch (Exception e)
        {
            log.LogError(e, "forecast {Job} of {Playbook} failed", job.Id, job.PlaybookId);
            job.Error = e.Message;
            job.Finish(ForecastState.Failed, time.GetUtcNow());
        }
    }
}
