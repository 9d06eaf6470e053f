using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Observability;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Playbooks;
using CsPlaybooks.Success.Accounts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>
/// The one unit of work every burst runs in, whatever started it (timer, event, task, cancel/retry, migration):
/// lock the instance in this process, load it with its playbook version and account, let the caller interpret and
/// stage, commit in one transaction guarded by the instance's revision token, run again on a concurrency conflict,
/// and wake the pumps. A commit that fails for any other reason (a constraint, a value too long) cannot succeed by
/// retrying: the instance is faulted with an incident naming the step instead.
/// </summary>
public sealed class BurstRunner(PlaybooksDb db, PlaybookCatalog catalog, InstanceLocks locks, Wakeups wakeups, TimeProvider time, ILogger<BurstRunner> log)
{
    public const int MaxAttempts = 20;

    /// <summary>
    /// Runs <paramref name="work"/> on one instance until what it staged commits. <paramref name="work"/> gets null when
    /// the instance does not exist; it stages through the scope (or its context) and returns its result. Nothing staged:
    /// nothing is written. Returns <paramref name="gaveUp"/>'s result if the instance kept changing.
    /// </summary>
    public async Task<T> RunAsync<T>(Guid instanceId, Func<InstanceScope?, CancellationToken, Task<T>> work, Func<T> gaveUp, CancellationToken ct)
    {
        using var _ = await locks.AcquireAsync(instanceId, ct);
        using var span = PlaybookTelemetry.StartBurst(log, instanceId);
        Exception? lastFailure = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var context = db.Create();
            var scope = (await LoadAsync(context, [instanceId], null, ct)).GetValueOrDefault(instanceId);
            span.Loaded(scope?.Instance);
            var result = await work(scope, ct);
            if (!Staged(context)) return result;
            switch (await TrySaveAsync(context, ct))
            {
                case null:
                    if (scope is not null) Wake(scope.Bursts);
                    span.Committed(scope);
                    return result;
                case DbUpdateConcurrencyException:
                    continue;
                case var failure when lastFailure is null:
                    lastFailure = failure; // a deadlock or a serialization failure can pass: once more
                    continue;
                case var failure:
                    if (scope is not null) await FaultAsync(instanceId, scope.Bursts, failure, ct);
                    throw new BurstCommitException(instanceId, failure);
            }
        }
        log.LogWarning("instance {Instance} kept changing; gave up after {Attempts} attempts", instanceId, MaxAttempts);
        return gaveUp();
    }

    /// <summary>
    /// Runs <paramref name="work"/> on several instances in one transaction (batches of timers and of events); the work
    /// may stage other rows on the same context (the events it delivers). <paramref name="accounts"/>: the instances'
    /// accounts, read by the caller with its own queries (null: read here, with the instances). Returns false,
    /// with nothing committed, when the batch as a whole could not commit; the caller then runs each on its own.
    /// </summary>
    public async Task<bool> RunBatchAsync(IReadOnlyList<Guid> instanceIds, Func<PlaybooksDbContext, IReadOnlyDictionary<Guid, InstanceScope>, CancellationToken, Task> work, CancellationToken ct,
        IReadOnlyDictionary<string, AccountRow>? accounts = null)
    {
        using var held = await locks.AcquireManyAsync(instanceIds, ct);
        using var span = PlaybookTelemetry.StartBurst(log, null);
        await using var context = db.Create();
        var scopes = instanceIds.Count == 0 ? [] : await LoadAsync(context, instanceIds, accounts, ct);
        await work(context, scopes, ct);
        if (!Staged(context)) return true;
        if (await TrySaveAsync(context, ct) is { } failure)
        {
            log.LogDebug(failure, "a batch of {Count} instances could not commit together; running them one by one", instanceIds.Count);
            return false;
        }
        Wake(scopes.Values.SelectMany(s => s.Bursts));
        span.Committed(scopes.Values);
        return true;
    }

    /// <summary>
    /// Commits a new instance's first burst (enrolment, through group commit). A refused commit that is not a duplicate
    /// enrolment (<paramref name="isDuplicate"/>) stores the instance faulted at its start, with an incident, so a retry runs it from
    /// the start; the fault message is returned (null: committed).
    /// </summary>
    public async Task<string?> CommitNewAsync(CommitBatcher batcher, InstanceRecord instance, CompiledPlaybook playbook, BurstResult burst, Func<Task<bool>> isDuplicate, CancellationToken ct)
    {
        var reentry = playbook.Definition.Enrolment.Reentry;
        using var span = PlaybookTelemetry.StartBurst(log, instance.Id);
        try
        {
            await batcher.CommitAsync((context, token) => StageNewAsync(context, instance, reentry, burst, token), ct);
        }
        catch (DbUpdateException e) when (e is not DbUpdateConcurrencyException)
        {
            if (await isDuplicate()) throw;
            var start = new InstanceState { Variables = (JsonObject)burst.State.Variables.DeepClone() };
            start.Tokens.Add(new Token(start.NextId(), playbook.Start.Id));
            var failed = new InstanceRecord
            {
                Id = instance.Id, PlaybookId = instance.PlaybookId, Version = instance.Version, AccountId = instance.AccountId, Status = "running",
                StateJson = "{}", Holdout = instance.Holdout, EnrolmentKey = instance.EnrolmentKey, ReentryGuard = instance.ReentryGuard,
                CreatedAt = instance.CreatedAt, UpdatedAt = instance.UpdatedAt,
            };
            await using var context = db.Create();
            context.Instances.Add(failed);
            BurstWriter.Stage(context, failed, FaultBurst(start, [burst], e), reentry, time.GetUtcNow(), null);
            await context.SaveChangesAsync(ct);
            log.LogError(e, "instance {Instance} faulted: its first burst could not be saved", instance.Id);
            return failed.FaultMessage;
        }
        Wake([burst]);
        span.Committed(instance, [burst]);
        return null;
    }

    /// <summary>
    /// Commits the first bursts of many new instances in one transaction (a batch of enrolments, through group commit).
    /// False, with nothing committed, when the database refused the batch; the caller then commits each on its own
    /// (<see cref="CommitNewAsync"/>), so one refused enrolment neither loses nor doubles another.
    /// </summary>
    public async Task<bool> CommitNewBatchAsync(CommitBatcher batcher, IReadOnlyList<(InstanceRecord Instance, CompiledPlaybook Playbook, BurstResult Burst)> started, CancellationToken ct)
    {
        using var span = PlaybookTelemetry.StartBurst(log, null);
        try
        {
            await batcher.CommitAsync(async (context, token) =>
            {
                foreach (var (instance, playbook, burst) in started)
                    await StageNewAsync(context, instance, playbook.Definition.Enrolment.Reentry, burst, token);
            }, ct);
        }
        catch (DbUpdateException e)
        {
            log.LogDebug(e, "a batch of {Count} enrolments could not commit together; committing them one by one", started.Count);
            return false;
        }
        Wake(started.Select(s => s.Burst));
        span.Committed(started.Select(s => (s.Instance, (IReadOnlyList<BurstResult>)[s.Burst])));
        return true;
    }

    private static async Task StageNewAsync(PlaybooksDbContext context, InstanceRecord instance, Engine.Definitions.ReentryRule reentry, BurstResult burst, CancellationToken ct)
    {
        context.Instances.Add(instance);
        var account = burst.AccountChanges.Count == 0 ? null : await context.Accounts.FindAsync([instance.AccountId], ct);
        BurstWriter.Stage(context, instance, burst, reentry, instance.CreatedAt, account);
    }

    /// <summary>
    /// Loads instances (tracked), their accounts with the CSM as the CSM record has it now (unless the caller read them:
    /// <paramref name="accounts"/>), and their playbook versions. Two reads by primary key rather than one join: joined,
    /// PostgreSQL hashes the whole accounts table for a chunk of a hundred instances once it holds a few thousand
    /// accounts, where a hundred key lookups cost a tenth of that.
    /// </summary>
    private async Task<Dictionary<Guid, InstanceScope>> LoadAsync(PlaybooksDbContext context, IReadOnlyList<Guid> instanceIds, IReadOnlyDictionary<string, AccountRow>? accounts, CancellationToken ct)
    {
        var instances = await context.Instances.Where(i => instanceIds.Contains(i.Id)).ToListAsync(ct);
        if (accounts is null)
        {
            var accountIds = instances.Select(i => i.AccountId).Distinct().ToList();
            accounts = await (
                from a in context.Accounts.Where(a => accountIds.Contains(a.Id))
                join c in context.Csms on a.CsmId equals c.Id into csms
                from c in csms.DefaultIfEmpty()
                select new AccountRow(a.Id, a.Json, c.Id, c.Name, c.Email)
            ).ToDictionaryAsync(a => a.Id, ct);
        }
        var now = time.GetUtcNow();
        var scopes = new Dictionary<Guid, InstanceScope>(instances.Count);
        foreach (var instance in instances)
        {
            var playbook = await catalog.GetAsync(instance.PlaybookId, instance.Version, ct)
                ?? throw new InvalidOperationException($"instance {instance.Id} runs {instance.PlaybookId} v{instance.Version}, which does not exist");
            var row = accounts.GetValueOrDefault(instance.AccountId);
            var account = row is null
                ? AccountDocument.Read(instance.AccountId, new JsonObject { ["name"] = instance.AccountId }).Account!
                : AccountDocument.FromStored(instance.AccountId, row.Json);
            if (row?.CsmId is not null) account.Json["csm"] = new JsonObject { ["id"] = row.CsmId, ["name"] = row.CsmName, ["email"] = row.CsmEmail };
            scopes[instance.Id] = new InstanceScope(context, instance, playbook, account, now);
        }
        return scopes;
    }

    /// <summary>
    /// Whether the work staged anything. Detects the changes once and turns detection off, so the save that follows does not
    /// scan every tracked row again.
    /// </summary>
    private static bool Staged(PlaybooksDbContext context)
    {
        var staged = context.ChangeTracker.HasChanges() || context.Staged > 0;
        context.ChangeTracker.AutoDetectChangesEnabled = false;
        return staged;
    }

    /// <summary>Null when committed; otherwise the failure (a concurrency conflict or another database refusal).</summary>
    private static async Task<DbUpdateException?> TrySaveAsync(PlaybooksDbContext context, CancellationToken ct)
    {
        try
        {
            await context.SaveChangesAsync(ct);
            return null;
        }
        catch (DbUpdateException e)
        {
            return e;
        }
    }

    /// <summary>Records that the instance's bursts could not be saved: faulted at the step that was running, with an incident.</summary>
    private async Task FaultAsync(Guid instanceId, IReadOnlyList<BurstResult> bursts, Exception failure, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var context = db.Create();
            var instance = await context.Instances.FirstOrDefaultAsync(i => i.Id == instanceId, ct);
            if (instance is null) return;
            var playbook = await catalog.GetAsync(instance.PlaybookId, instance.Version, ct);
            var burst = FaultBurst(InstanceState.Deserialize(instance.StateJson), bursts, failure);
            BurstWriter.Stage(context, instance, burst, playbook?.Definition.Enrolment.Reentry ?? Engine.Definitions.ReentryRule.AfterExit, time.GetUtcNow(), null);
            if (await TrySaveAsync(context, ct) is null)
            {
                log.LogError(failure, "instance {Instance} faulted at {Step}: its burst could not be saved", instanceId, instance.FaultedStepId);
                return;
            }
        }
    }

    private BurstResult FaultBurst(InstanceState state, IReadOnlyList<BurstResult> bursts, Exception failure)
    {
        var step = bursts.SelectMany(b => b.Journal).LastOrDefault(j => j.StepId is not null)?.StepId;
        var reason = (failure.InnerException ?? failure).Message.Split('\n')[0];
        var message = $"the changes of step '{step}' could not be saved, and retrying would not help: {reason}";
        var faulted = state.Clone();
        faulted.Status = InstanceStatus.Faulted;
        faulted.FaultedStepId = step;
        faulted.FaultMessage = message;
        return new BurstResult(faulted, [new JournalEntry(time.GetUtcNow(), step, JournalKinds.Faulted, message)], [], [], []);
    }

    private void Wake(IEnumerable<BurstResult> bursts)
    {
        var soon = time.GetUtcNow().AddSeconds(1);
        foreach (var burst in bursts)
        {
            if (burst.Outbox.Count > 0) wakeups.Outbox.Set();
            if (burst.AddedBookmarks.Any(b => b.DueAt is { } due && due <= soon)) wakeups.Timers.Set();
        }
    }
}

/// <summary>A burst's commit was refused for a reason retrying cannot fix; the instance has been faulted with an incident.</summary>
public sealed class BurstCommitException(Guid instanceId, Exception inner)
    : Exception($"instance {instanceId}: the burst could not be saved ({inner.InnerException?.Message ?? inner.Message}); the instance is faulted", inner);
