using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Events;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Success.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>
/// What can happen to instances — enrol, resume a bookmark, fire timers, deliver events, cancel, retry, migrate —
/// as orchestration over the one unit of work (<see cref="BurstRunner"/>), which locks, loads, commits and retries.
/// </summary>
public sealed partial class WorkflowRuntime(
    PlaybooksDb db,
    PlaybookCatalog catalog,
    PlaybookInterpreter interpreter,
    AccountStore accounts,
    BurstRunner runner,
    CommitBatcher batcher,
    EventQueue events,
    EventTriggerIndex triggerIndex,
    Wakeups wakeups,
    TimeProvider time,
    ILogger<WorkflowRuntime> log)
{
    /// <summary>Resumes one bookmark row (timer or explicit resume). A bookmark already consumed is a no-op; with a lease holder, only while the lease is held.</summary>
    public Task<bool> ResumeBookmarkAsync(string bookmarkRowId, ResumeSignal signal, string? leaseHolder, CancellationToken ct)
    {
        var bookmarkId = bookmarkRowId[33..];
        return runner.RunAsync(InstanceIdOf(bookmarkRowId), async (scope, token) =>
        {
            var row = await (scope?.Context.Bookmarks.FindAsync([bookmarkRowId], token) ?? ValueTask.FromResult<BookmarkRecord?>(null));
            if (scope is null || row is null || (leaseHolder is not null && row.ClaimedBy != leaseHolder)) return false;
            var burst = interpreter.Resume(scope.Playbook, scope.NewContext(), scope.State, bookmarkId, signal);
            if (!burst.Changed)
            {
                scope.DropIfStale(row, bookmarkId);
                return false;
            }
            await scope.StageAsync(burst, token);
            return true;
        }, () => throw new InvalidOperationException($"instance {InstanceIdOf(bookmarkRowId)} kept changing under bookmark {bookmarkId}"), ct);
    }

    public Task<InstanceCommandResult> CancelAsync(Guid instanceId, string reason, CancellationToken ct) =>
        RunCommandAsync(instanceId, (scope, _) => Task.FromResult(
            scope.State.Status is InstanceStatus.Completed or InstanceStatus.Cancelled
                ? null
                : interpreter.Cancel(scope.Playbook, scope.NewContext(), scope.State, reason)), "the instance has already finished", ct);

    /// <summary>Runs a faulted instance again from the failed step; its open fault incidents are resolved in the same commit.</summary>
    public Task<InstanceCommandResult> RetryAsync(Guid instanceId, CancellationToken ct) =>
        RunCommandAsync(instanceId, async (scope, token) =>
        {
            if (scope.State.Status != InstanceStatus.Faulted) return null;
            await scope.Context.Incidents.Where(i => i.InstanceId == instanceId && i.ResolvedAt == null && i.Kind == IncidentKinds.StepFaulted)
                .ForEachAsync(i => i.ResolvedAt = scope.Now, token);
            return interpreter.Retry(scope.Playbook, scope.NewContext(), scope.State);
        }, "only a faulted instance can be retried", ct);

    private Task<InstanceCommandResult> RunCommandAsync(Guid instanceId, Func<InstanceScope, CancellationToken, Task<BurstResult?>> command, string notApplicable, CancellationToken ct) =>
        runner.RunAsync(instanceId, async (scope, token) =>
        {
            if (scope is null) return new InstanceCommandResult(InstanceCommandStatus.NotFound, $"no instance {instanceId}");
            if (await command(scope, token) is not { } burst) return new(InstanceCommandStatus.Conflict, $"{notApplicable} (status: {scope.Instance.Status})");
            await scope.StageAsync(burst, token);
            return new(InstanceCommandStatus.Ok, scope.Instance.Status);
        }, () => new(InstanceCommandStatus.Conflict, "the instance kept changing; try again"), ct);

    private static Guid InstanceIdOf(string bookmarkRowId) => Guid.ParseExact(bookmarkRowId[..32], "N");
}

public enum InstanceCommandStatus { Ok, NotFound, Conflict }

public sealed record InstanceCommandResult(InstanceCommandStatus Status, string Message);
