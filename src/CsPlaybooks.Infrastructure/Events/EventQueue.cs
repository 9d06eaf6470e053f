using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Timers;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Events;

/// <summary>
/// Events enter the database in the transaction of the change that raises them (a task completed, health changed, a
/// CSM assigned…) or of the API call that posts them; nothing is published after a commit. Each is stored claimed by
/// this node, which delivers it right after the commit (<see cref="WorkflowRuntime.ProcessEventAsync"/>); should this
/// node die first, <see cref="EventPump"/> on any node delivers it once the claim's lease ends.
/// </summary>
public sealed class EventQueue(NodeIdentity node, IOptions<EventOptions> options, TimeProvider time)
{
    /// <summary>Stages <paramref name="e"/> on <paramref name="context"/>; false (nothing staged) when an event with its id is already stored.</summary>
    public async Task<bool> StageAsync(PlaybooksDbContext context, NewEvent e, CancellationToken ct) => (await StageManyAsync(context, [e], ct)).Count == 1;

    /// <summary>
    /// <see cref="StageAsync"/> for many events, with one query for the ids already stored; returns those staged. They
    /// are appended untracked (<see cref="PlaybooksDbContext.Appended"/>): the save inserts them in bulk.
    /// </summary>
    public async Task<IReadOnlyList<NewEvent>> StageManyAsync(PlaybooksDbContext context, IReadOnlyList<NewEvent> raised, CancellationToken ct)
    {
        if (raised.Count == 0) return [];
        var ids = raised.Select(e => e.Id).Distinct().ToList();
        var known = (await context.Events.AsNoTracking().Where(x => ids.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct)).ToHashSet();
        known.UnionWith(context.Appended.Of<EventRecord>().Select(x => x.Id));
        var staged = new List<NewEvent>();
        foreach (var e in raised)
        {
            if (!known.Add(e.Id)) continue;
            context.Appended.Add(Record(e));
            staged.Add(e);
        }
        return staged;
    }

    /// <summary>The row for <paramref name="e"/>, claimed by this node for the lease.</summary>
    public EventRecord Record(NewEvent e)
    {
        var now = time.GetUtcNow();
        return new EventRecord
        {
            Id = e.Id, Name = e.Name, AccountId = e.AccountId, DataJson = e.Data?.ToJsonString(), ReceivedAt = now,
            DeliverAt = now, ClaimedBy = node.Id, ClaimedUntil = now + options.Value.Lease,
        };
    }
}
