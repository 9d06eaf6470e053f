using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Events;
using CsPlaybooks.Infrastructure.Health;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Triggers;

namespace CsPlaybooks.Bench;

/// <summary>What the workload drives: the product in this process (its services called directly) or the real host over HTTP.</summary>
public interface IBenchTarget : IAsyncDisposable
{
    Task PublishAsync(string playbookJson);
    Task EnrolAsync(string playbookId, string accountId);
    /// <summary>Many enrolments in one call (the batch path: WorkflowRuntime.EnrolManyAsync or POST /api/playbooks/{id}/enrolments/batch).</summary>
    Task EnrolManyAsync(string playbookId, IReadOnlyList<string> accountIds);
    /// <summary>Usage facts of many accounts in one call (UsageService.RecordManyAsync or POST /api/usage), stored and scored when this returns.</summary>
    Task PostUsageAsync(IReadOnlyList<AccountUsage> usage);
    /// <summary>One event, accepted (stored and delivered) before this returns.</summary>
    Task PostEventAsync(string name, string accountId);
    /// <summary>Many events stored at once (durable when this returns), delivered later by the event queue.</summary>
    Task PostBatchAsync(IReadOnlyList<NewEvent> events);
    /// <summary>The daily trigger sweep, run now.</summary>
    Task<(int Checked, int Enrolled)> SweepAsync();
    /// <summary>CPU time of the process the product runs in.</summary>
    TimeSpan ProductCpu();
    /// <summary>Working set of the process the product runs in, now and at its peak (in-process: product and bench together).</summary>
    (long Now, long Peak) ProductWorkingSet();
}

/// <summary>The product's services in this process (<c>AddCsPlaybooks</c> with every hosted service running).</summary>
public sealed class InProcessTarget(IServiceProvider services) : IBenchTarget
{
    private readonly WorkflowRuntime _runtime = (WorkflowRuntime)services.GetService(typeof(WorkflowRuntime))!;
    private readonly PlaybookService _playbooks = (PlaybookService)services.GetService(typeof(PlaybookService))!;
    private readonly Process _self = Process.GetCurrentProcess();

    public async Task PublishAsync(string playbookJson)
    {
        var id = (string)JsonNode.Parse(playbookJson)!["id"]!;
        Check(await _playbooks.CreateAsync(playbookJson, CancellationToken.None), "create the playbook");
        Check(await _playbooks.PublishAsync(id, "load benchmark", "bench", CancellationToken.None), "publish the playbook");
    }

    public async Task EnrolAsync(string playbookId, string accountId)
    {
        var r = await _runtime.EnrolAsync(new EnrolmentRequest(playbookId, accountId, "bench"), CancellationToken.None);
        if (r.Status != EnrolmentStatus.Started) throw new InvalidOperationException($"enrol {accountId}: {r.Status} {r.Message}");
    }

    public async Task EnrolManyAsync(string playbookId, IReadOnlyList<string> accountIds)
    {
        var results = await _runtime.EnrolManyAsync(accountIds.Select(a => new EnrolmentRequest(playbookId, a, "bench")).ToList(), CancellationToken.None);
        if (results.FirstOrDefault(r => r.Status != EnrolmentStatus.Started) is { } refused) throw new InvalidOperationException($"enrol: {refused.Status} {refused.Message}");
    }

    public async Task PostUsageAsync(IReadOnlyList<AccountUsage> usage)
    {
        var missing = await ((UsageService)services.GetService(typeof(UsageService))!).RecordManyAsync(usage, CancellationToken.None);
        if (missing.Count > 0) throw new InvalidOperationException($"usage: {missing.Count} unknown accounts");
    }

    public async Task PostEventAsync(string name, string accountId)
    {
        var r = await _runtime.AcceptEventAsync(null, name, accountId, null, CancellationToken.None);
        if (r.Status != EventAcceptStatus.Accepted || r.Event?.Outcome != "resumed 1 instance(s)")
            throw new InvalidOperationException($"event for {accountId}: {r.Status}, outcome {r.Event?.Outcome}");
    }

    public async Task PostBatchAsync(IReadOnlyList<NewEvent> events)
    {
        var (duplicates, unknown) = await _runtime.StoreEventsAsync(events, CancellationToken.None);
        if (duplicates.Count + unknown.Count > 0) throw new InvalidOperationException($"batch: {duplicates.Count} duplicates, {unknown.Count} unknown accounts");
    }

    public async Task<(int Checked, int Enrolled)> SweepAsync()
    {
        var r = await ((TriggerSweep)services.GetService(typeof(TriggerSweep))!).RunAsync(CancellationToken.None);
        return (r.AccountsChecked, r.Enrolled);
    }

    public TimeSpan ProductCpu()
    {
        _self.Refresh();
        return _self.TotalProcessorTime;
    }

    public (long Now, long Peak) ProductWorkingSet()
    {
        _self.Refresh();
        return (_self.WorkingSet64, _self.PeakWorkingSet64);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static void Check(PlaybookCommandResult r, string what)
    {
        if (r.Status != PlaybookCommandStatus.Ok)
            throw new InvalidOperationException($"{what}: {r.Status} {r.Message} {string.Join("; ", r.Errors.Select(e => e.ToString()))}");
    }
}
