using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Tasks;
using CsPlaybooks.Success.Csms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Csms;

public enum AssignmentStatus { Assigned, Kept, NobodyFits, AccountNotFound }

public sealed record AssignmentResult(AssignmentStatus Status, string? CsmId, string Reason, Guid? LeadTaskId = null);

public enum HandoverStatus { Done, NotFound, Invalid, OverCapacity }

public sealed record HandoverResult(HandoverStatus Status, string Message, IReadOnlyList<string> Accounts, IReadOnlyList<Guid> Tasks);

/// <summary>
/// Assigns CSMs to accounts (least-loaded fitting CSM, never over capacity, a CS-lead task when nobody fits) and hands
/// books of accounts from one CSM to another. Every change of an account's CSM is journaled in <c>csm_assignments</c>.
/// Assignments are serialised in this process so two concurrent ones cannot both take a CSM's last free slot.
/// </summary>
public sealed class CsmService(PlaybooksDb db, AccountStore accounts, TaskService tasks, WorkflowRuntime runtime, IOptions<AssignmentRules> rules, TimeProvider time)
{
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public AssignmentRules Rules => rules.Value;

    public static CsmProfile Profile(CsmRecord r) => new(r.Id, r.Name, r.TouchModel, r.Capacity,
        JsonSerializer.Deserialize<List<string>>(r.IndustriesJson) ?? [], JsonSerializer.Deserialize<List<string>>(r.TiersJson) ?? [], r.IsLead);

    public async Task<(List<CsmRecord> Csms, Dictionary<string, List<string>> Books)> ListAsync(CancellationToken ct)
    {
        await using var context = db.Create();
        var csms = await context.Csms.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        return (csms, await accounts.AccountsByCsmAsync(context, ct));
    }

    /// <summary>Assigns a CSM, then raises <c>csm.assigned</c> for the account (also when the current CSM is kept), so a
    /// playbook can wait for it and write from the CSM. The event id is derived from the assignment, so a retried
    /// delivery raises it once.</summary>
    public async Task<AssignmentResult> AssignAsync(string accountId, bool keepExisting, string by, CancellationToken ct)
    {
        var result = await PickAndAssignAsync(accountId, keepExisting, by, ct);
        if (result.Status is AssignmentStatus.Assigned or AssignmentStatus.Kept && result.CsmId is { } csmId)
            await runtime.AcceptEventAsync($"csm.assigned:{accountId}:{csmId}:{by}", "csm.assigned", accountId,
                new System.Text.Json.Nodes.JsonObject { ["csmId"] = csmId, ["kept"] = result.Status == AssignmentStatus.Kept }, ct);
        return result;
    }

    private async Task<AssignmentResult> PickAndAssignAsync(string accountId, bool keepExisting, string by, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        try
        {
            await using var context = db.Create();
            var account = await accounts.FindAsync(context, accountId, ct);
            if (account is null) return new(AssignmentStatus.AccountNotFound, null, $"no account '{accountId}'");
            var csms = await context.Csms.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
            var current = (string?)account.Json["csmId"];
            if (keepExisting && current is not null && csms.Any(c => c.Id == current))
                return new(AssignmentStatus.Kept, current, $"{accountId} already has CSM {current}");

            var books = await accounts.AccountsByCsmAsync(context, ct);
            var loads = books.ToDictionary(b => b.Key, b => b.Value.Count(a => a != accountId));
            var facts = new AccountFacts(accountId, (string?)account.Json["tier"], (string?)account.Json["industry"], (string?)account.Json["touchModel"]);
            var decision = CsmAssigner.Pick(facts, csms.Select(Profile).ToList(), loads, rules.Value);
            var now = time.GetUtcNow();
            if (decision.Csm is null)
            {
                context.CsmAssignments.Add(Journal(accountId, current, null, "unassigned", decision.Reason, by, now));
                await context.SaveChangesAsync(ct);
                var task = await tasks.CreateAsync(new NewTask($"assignment/{accountId}/{now.UtcTicks}", "assignment", accountId, "cs-lead",
                    $"Assign a CSM to {account.Name}", decision.Reason + ". Add or free up a CSM, then assign with POST /api/csms/assignments.",
                    now + TimeSpan.FromDays(2), "high"), ct);
                return new(AssignmentStatus.NobodyFits, null, decision.Reason, task.Id);
            }
            var csm = csms.First(c => c.Id == decision.Csm.Id);
            await AccountStore.StageCsmAsync(context, accountId, CsmJson(csm), now, ct);
            context.CsmAssignments.Add(Journal(accountId, current, csm.Id, "assignment", decision.Reason, by, now));
            await context.SaveChangesAsync(ct);
            return new(AssignmentStatus.Assigned, csm.Id, decision.Reason);
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>
    /// Moves accounts (all of the CSM's book, or the listed ones) to another CSM: the account's csmId, its open CSM tasks,
    /// a journal entry, and a handover task per account for the receiving CSM. Refused when it would put the receiver over capacity.
    /// </summary>
    public async Task<HandoverResult> HandoverAsync(string fromId, string toId, IReadOnlyList<string>? accountIds, string by, CancellationToken ct)
    {
        await Gate.WaitAsync(ct);
        List<(string Id, string Name)> moved = [];
        CsmRecord from, to;
        try
        {
            await using var context = db.Create();
            var found = await context.Csms.AsNoTracking().Where(c => c.Id == fromId || c.Id == toId).ToListAsync(ct);
            if (found.FirstOrDefault(c => c.Id == fromId) is not { } f) return new(HandoverStatus.NotFound, $"no CSM '{fromId}'", [], []);
            if (found.FirstOrDefault(c => c.Id == toId) is not { } t) return new(HandoverStatus.Invalid, $"toCsmId: no CSM '{toId}'", [], []);
            if (fromId == toId) return new(HandoverStatus.Invalid, "toCsmId: a CSM cannot hand over to themselves", [], []);
            (from, to) = (f, t);
            var books = await accounts.AccountsByCsmAsync(context, ct);
            var book = books.GetValueOrDefault(fromId) ?? [];
            var selected = accountIds ?? book;
            if (selected.FirstOrDefault(a => !book.Contains(a)) is { } stranger)
                return new(HandoverStatus.Invalid, $"accountIds: {stranger} is not in {fromId}'s book", [], []);
            var load = books.GetValueOrDefault(toId)?.Count ?? 0;
            var capacity = rules.Value.CapacityOf(Profile(to));
            if (load + selected.Count > capacity)
                return new(HandoverStatus.OverCapacity, $"{toId} has {load} of {capacity} accounts; taking {selected.Count} more would exceed the capacity", [], []);

            var now = time.GetUtcNow();
            foreach (var accountId in selected)
            {
                var doc = await AccountStore.StageCsmAsync(context, accountId, CsmJson(to), now, ct);
                moved.Add((accountId, doc?.Name ?? accountId));
                context.CsmAssignments.Add(Journal(accountId, fromId, toId, "handover", $"handover of {fromId}'s book to {toId}", by, now));
            }
            await context.Tasks.Where(x => selected.Contains(x.AccountId) && x.AssigneeCsmId == fromId && x.AssigneeRole == "csm" && x.Status == TaskService.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.AssigneeCsmId, toId), ct);
            await context.SaveChangesAsync(ct);
        }
        finally
        {
            Gate.Release();
        }
        var created = new List<Guid>();
        var at = time.GetUtcNow();
        foreach (var (id, name) in moved)
        {
            var task = await tasks.CreateAsync(new NewTask($"handover/{id}/{fromId}/{toId}/{at.UtcTicks}", "handover", id, "csm",
                $"Handover: take over {name} from {from.Name}",
                $"{from.Name} handed {name} over to you. Review the handover packet (contract, decision-makers and key users, current situation, problems to solve, implementation plan, plan progress, current usage) and introduce yourself to the decision-maker.",
                at + TimeSpan.FromDays(5), "high", Required: true, AssigneeCsmId: toId), ct);
            created.Add(task.Id);
        }
        return new(HandoverStatus.Done, $"{moved.Count} account(s) handed over from {fromId} to {toId}", moved.Select(m => m.Id).ToList(), created);
    }

    public async Task<List<CsmAssignmentRecord>> HistoryAsync(string accountId, CancellationToken ct)
    {
        await using var context = db.Create();
        return await context.CsmAssignments.AsNoTracking().Where(a => a.AccountId == accountId).OrderBy(a => a.At).ToListAsync(ct);
    }

    private static JsonObject CsmJson(CsmRecord csm) => new() { ["id"] = csm.Id, ["name"] = csm.Name, ["email"] = csm.Email };

    private static CsmAssignmentRecord Journal(string accountId, string? from, string? to, string kind, string reason, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), AccountId = accountId, FromCsmId = from, ToCsmId = to, Kind = kind, Reason = reason, By = by, At = now,
    };
}
