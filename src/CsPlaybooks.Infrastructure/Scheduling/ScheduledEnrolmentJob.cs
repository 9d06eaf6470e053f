using CsPlaybooks.Engine.Triggers;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.Extensions.Logging;
using Quartz;

namespace CsPlaybooks.Infrastructure.Scheduling;

/// <summary>
/// Fired by Quartz on a playbook's cron: enrols every account that meets the trigger's condition. The fire time
/// is part of each enrolment key, so a misfire re-run or a second node never enrols an account twice for one tick.
/// The due accounts are enrolled a page at a time through the batch path (<see cref="WorkflowRuntime.EnrolManyAsync"/>).
/// </summary>
[DisallowConcurrentExecution]
public sealed class ScheduledEnrolmentJob(PlaybookCatalog catalog, AccountStore accounts, WorkflowRuntime runtime, ILogger<ScheduledEnrolmentJob> log) : IJob
{
    public const string PlaybookIdKey = "playbookId";
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var playbookId = context.MergedJobDataMap.GetString(PlaybookIdKey)!;
        var fireTime = context.ScheduledFireTimeUtc ?? context.FireTimeUtc;
        var result = await EnrolMatchingAsync(playbookId, fireTime, cancellationToken);
        log.LogInformation("schedule of {Playbook} at {FireTime:o}: {Started} enrolled, {Checked} accounts checked", playbookId, fireTime, result.Started, result.Checked);
    }

    /// <param name="filter">Narrows the accounts a tick considers (the demo book's catch-up of the last tick); default every account.</param>
    public async Task<(int Checked, int Started)> EnrolMatchingAsync(string playbookId, DateTimeOffset fireTime, CancellationToken ct, AccountFilter? filter = null)
    {
        var playbook = await catalog.GetLatestAsync(playbookId, ct);
        if (playbook?.TriggerSettings is not ScheduleTriggerSettings settings) return (0, 0);
        int checkedCount = 0, started = 0;
        var due = new List<EnrolmentRequest>(WorkflowRuntime.EnrolmentBatch);
        await foreach (var account in accounts.AllAsync(filter ?? new AccountFilter(), ct))
        {
            checkedCount++;
            if (settings.Occurrence(account.ToTemplateModel(), fireTime) is not { } occurrence) continue;
            due.Add(new EnrolmentRequest(playbookId, account.Id, "schedule", $"{playbookId}/{account.Id}/{occurrence}"));
            if (due.Count == WorkflowRuntime.EnrolmentBatch) started += await EnrolAsync(due, ct);
        }
        return (checkedCount, started + await EnrolAsync(due, ct));
    }

    /// <summary>Enrols a page of due accounts as one batch (a few queries and one commit) and empties it; returns how many started.</summary>
    private async Task<int> EnrolAsync(List<EnrolmentRequest> due, CancellationToken ct)
    {
        if (due.Count == 0) return 0;
        var results = await runtime.EnrolManyAsync(due, ct);
        due.Clear();
        return results.Count(r => r.Status == EnrolmentStatus.Started);
    }
}
