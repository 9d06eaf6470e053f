using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Success.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>
/// One instance inside a unit of work (<see cref="BurstRunner"/>): its tracked row (the revision token guards the
/// commit), its playbook version, its account and its state. <see cref="StageAsync"/> stages a burst on the unit's context.
/// </summary>
public sealed class InstanceScope
{
    private readonly List<BurstResult> _bursts = [];

    internal InstanceScope(PlaybooksDbContext context, InstanceRecord instance, CompiledPlaybook playbook, AccountDocument account, DateTimeOffset now)
    {
        Context = context;
        Instance = instance;
        Playbook = playbook;
        Account = account;
        State = InstanceState.Deserialize(instance.StateJson);
        Now = now;
    }

    public PlaybooksDbContext Context { get; }
    public InstanceRecord Instance { get; }
    public CompiledPlaybook Playbook { get; }
    public AccountDocument Account { get; }
    /// <summary>The state after the bursts staged so far.</summary>
    public InstanceState State { get; private set; }
    public DateTimeOffset Now { get; }
    internal IReadOnlyList<BurstResult> Bursts => _bursts;

    /// <summary>A fresh interpreter context (each burst gets its own template model).</summary>
    public InstanceContext NewContext() => new(Instance.Id, Instance.AccountId, Account.Zone, Now, Account.ToTemplateModel()) { Holdout = Instance.Holdout };

    /// <summary>Stages a burst's effects (state, bookmarks, journal, outbox, account changes, incidents); nothing when it changed nothing.</summary>
    public async Task StageAsync(BurstResult burst, CancellationToken ct)
    {
        if (!burst.Changed) return;
        var account = burst.AccountChanges.Count == 0 ? null : await Context.Accounts.FindAsync([Instance.AccountId], ct);
        BurstWriter.Stage(Context, Instance, burst, Playbook.Definition.Enrolment.Reentry, Now, account);
        State = burst.State;
        _bursts.Add(burst);
    }

    /// <summary>
    /// Removes a bookmark row whose bookmark the state no longer holds (consumed earlier) or whose instance has finished.
    /// A faulted instance keeps its rows: retrying it lets the waiting step be resumed again.
    /// </summary>
    public void DropIfStale(BookmarkRecord row, string bookmarkId)
    {
        if (State.Status is InstanceStatus.Completed or InstanceStatus.Cancelled || State.Bookmarks.All(b => b.Id != bookmarkId))
            Context.Bookmarks.Remove(row);
    }
}
