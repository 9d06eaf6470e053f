using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>Stages a burst's effects on a context: state, bookmark index, journal, outbox, incidents. One SaveChanges commits them all.</summary>
internal static class BurstWriter
{
    public static string BookmarkRowId(Guid instanceId, string bookmarkId) => $"{instanceId:N}:{bookmarkId}";

    /// <summary>
    /// The bookmark row this context tracks (read with its lease token) under <paramref name="id"/>, without a query. DbSet.Local would first
    /// detect changes across every tracked row, once per burst: quadratic in a batch of bursts.
    /// </summary>
    private static BookmarkRecord? Tracked(PlaybooksDbContext context, string id)
    {
        var detect = context.ChangeTracker.AutoDetectChangesEnabled;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            return context.Bookmarks.Local.FindEntry(id)?.Entity;
        }
        finally
        {
            context.ChangeTracker.AutoDetectChangesEnabled = detect;
        }
    }

    public static void Stage(PlaybooksDbContext context, InstanceRecord instance, BurstResult burst, ReentryRule reentry, DateTimeOffset now, AccountRecord? account)
    {
        var state = burst.State;
        instance.StateJson = state.Serialize();
        instance.Status = state.Status.ToString().ToLowerInvariant();
        instance.Revision++;
        instance.UpdatedAt = now;
        instance.FaultedStepId = state.FaultedStepId;
        instance.FaultMessage = state.FaultMessage;
        if (state.Status is InstanceStatus.Completed or InstanceStatus.Cancelled)
        {
            instance.FinishedAt = now;
            if (reentry != ReentryRule.Never) instance.ReentryGuard = null;
        }

        foreach (var removed in burst.RemovedBookmarks)
        {
            var id = BookmarkRowId(instance.Id, removed.Id);
            // A row this unit read (a timer's, with its lease token) goes through EF; one an earlier burst of this unit
            // added is never inserted; any other is deleted by key, unread.
            if (Tracked(context, id) is { } row) context.Bookmarks.Remove(row);
            else if (!context.Appended.Remove<BookmarkRecord>(b => b.Id == id)) context.Removed.Add<BookmarkRecord>(id);
        }
        foreach (var added in burst.AddedBookmarks)
        {
            context.Appended.Add(new BookmarkRecord
            {
                Id = BookmarkRowId(instance.Id, added.Id), InstanceId = instance.Id, AccountId = instance.AccountId,
                StepId = added.StepId, EventName = added.EventName, DueAt = added.DueAt?.ToUniversalTime(),
            });
        }
        foreach (var entry in burst.Journal)
        {
            context.Appended.Add(new JournalRecord
            {
                InstanceId = instance.Id, At = entry.At, StepId = entry.StepId, Kind = entry.Kind, Summary = entry.Summary,
                DetailJson = entry.Detail?.ToJsonString(),
            });
        }
        foreach (var message in burst.Outbox)
        {
            context.Outbox.Add(new OutboxRecord
            {
                Id = Guid.CreateVersion7(now), InstanceId = instance.Id, StepId = message.StepId, Kind = message.Kind,
                DedupKey = message.DedupKey, PayloadJson = message.Payload.ToJsonString(), State = OutboxStates.Pending,
                NextAttemptAt = now, CreatedAt = now,
            });
        }
        if (account is not null && burst.AccountChanges.Count > 0)
            AccountChanges.Apply(context, account, burst.AccountChanges, $"playbook {instance.PlaybookId} v{instance.Version}", instance.Id, now);
        if (state.Status == InstanceStatus.Faulted && burst.Journal.Any(j => j.Kind == JournalKinds.Faulted))
        {
            context.Incidents.Add(new IncidentRecord
            {
                Id = Guid.CreateVersion7(now), InstanceId = instance.Id, StepId = state.FaultedStepId, Kind = IncidentKinds.StepFaulted,
                Message = state.FaultMessage ?? "the step failed", At = now,
            });
        }
    }
}

public static class OutboxStates
{
    public const string Pending = "pending";
    public const string Sent = "sent";
    public const string Failed = "failed";
}
