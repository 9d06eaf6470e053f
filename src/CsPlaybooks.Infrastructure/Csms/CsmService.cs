using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Events;
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

/// <summary>A CSM as ops define them (see <see cref="CsmService.SaveAsync"/>).</summary>
public sealed record CsmDraft(string Id, string Name, string? Email, string? GraphUserId, string TouchModel, int? Capacity,
    IReadOnlyList<string> Industries, IReadOnlyList<string> Tiers, bool IsLead);

/// <summary>
/// Assigns CSMs to accounts (least-loaded fitting CSM, never over capacity, a CS-lead task when nobody fits) and hands
/// books of accounts from one CSM to another. Every change of an account's CSM is journaled in <c>csm_assignments</c>
/// and raises <c>csm.assigned</c> in the same transaction. Capacity holds across nodes: the chosen CSM's row is locked
/// (an update) before their accounts are counted, so two concurrent assignments cannot both take the last free slot.
/// </summary>
public sealed class CsmService(PlaybooksDb db, AccountWriter writer, TaskService tasks, EventQueue events, WorkflowRuntime runtime,
    IOptions<AssignmentRules> rules, TimeProvider time)
{
    private const int MaxAttempts = 20;

    public AssignmentRules Rules => rules.Value;

    public static CsmProfile Profile(CsmRecord r) => new(r.Id, r.Name, r.TouchModel, r.Capacity,
        JsonSerializer.Deserialize<List<string>>(r.IndustriesJson) ?? [], JsonSerializer.Deserialize<List<string>>(r.TiersJson) ?? [], r.IsLead);

    /// <summary>Every CSM with their load (accounts counted in the database; <paramref name="filter"/> narrows what counts).</summary>
    public async Task<(List<CsmRecord> Csms, Dictionary<string, int> Loads)> ListAsync(CancellationToken ct, AccountFilter? filter = null)
    {
        await using var context = db.Create();
        var csms = await context.Csms.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        return (csms, await AccountStore.LoadsAsync(context, ct, filter));
    }

    /// <summary>One CSM and their book (account ids); null when there is no such CSM.</summary>
    public async Task<(CsmRecord Csm, List<string> Book)?> FindAsync(string id, CancellationToken ct)
    {
        await using var context = db.Create();
        var csm = await context.Csms.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        return csm is null ? null : (csm, await AccountStore.BookAsync(context, id, ct));
    }

    /// <summary>Creates or replaces a CSM; returns the stored record and whether it was created. A new To Do user forgets the old list.</summary>
    public async Task<(CsmRecord Csm, bool Created)> SaveAsync(CsmDraft draft, CancellationToken ct)
    {
        await using var context = db.Create();
        var now = time.GetUtcNow();
        var record = await context.Csms.FirstOrDefaultAsync(c => c.Id == draft.Id, ct);
        var created = record is null;
        if (record is null)
        {
            record = new CsmRecord { Id = draft.Id, Name = draft.Name, TouchModel = draft.TouchModel, IndustriesJson = "[]", TiersJson = "[]", CreatedAt = now };
            context.Csms.Add(record);
        }
        if (record.GraphUserId != draft.GraphUserId) record.GraphListId = null;
        record.Name = draft.Name;
        record.Email = draft.Email;
        record.GraphUserId = draft.GraphUserId;
        record.TouchModel = draft.TouchModel;
        record.Capacity = draft.Capacity;
        record.IndustriesJson = JsonSerializer.Serialize(draft.Industries);
        record.TiersJson = JsonSerializer.Serialize(draft.Tiers);
        record.IsLead = draft.IsLead;
        record.UpdatedAt = now;
        await context.SaveChangesAsync(ct);
        return (record, created);
    }

    /// <summary>Assigns a CSM and raises <c>csm.assigned</c> for the account (also when the current CSM is kept), so a
    /// playbook can wait for it and write from the CSM. The event id is derived from the assignment, so a retried
    /// delivery raises it once.</summary>
    public async Task<AssignmentResult> AssignAsync(string accountId, bool keepExisting, string by, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            AssignmentResult? result = null;
            await writer.EditAsync(accountId, $"csm assignment by {by}", async (edit, token) =>
            {
                result = await PickAndStageAsync(edit, keepExisting, by, token);
                return result is not null;
            }, ct);
            if (result is not null) return result;
            // The CSM picked filled up meanwhile (another node or call took the slot): pick again on fresh loads.
        }
        return new(AssignmentStatus.NobodyFits, null, "CSM loads kept changing during the assignment; try again");
    }

    /// <summary>Null: the CSM picked was full once locked; nothing staged.</summary>
    private async Task<AssignmentResult?> PickAndStageAsync(AccountEdit edit, bool keepExisting, string by, CancellationToken ct)
    {
        var context = edit.Context;
        var accountId = edit.AccountId;
        if (edit.Json is not { } json) return new(AssignmentStatus.AccountNotFound, null, $"no account '{accountId}'");
        var csms = await context.Csms.AsNoTracking().OrderBy(c => c.Id).ToListAsync(ct);
        var current = json["csmId"] is JsonValue v && v.TryGetValue<string>(out var c) ? c : null;
        if (keepExisting && current is not null && csms.Any(x => x.Id == current))
        {
            edit.Raise(AssignedEventId(accountId, current, by), "csm.assigned", new JsonObject { ["csmId"] = current, ["kept"] = true });
            return new(AssignmentStatus.Kept, current, $"{accountId} already has CSM {current}");
        }

        var loads = await AccountStore.LoadsAsync(context, ct, exceptAccountId: accountId);
        var facts = new AccountFacts(accountId, (string?)json["tier"], (string?)json["industry"], (string?)json["touchModel"]);
        var decision = CsmAssigner.Pick(facts, csms.Select(Profile).ToList(), loads, rules.Value);
        if (decision.Csm is null)
        {
            context.CsmAssignments.Add(Journal(accountId, current, null, "unassigned", decision.Reason, by, edit.Now));
            var task = await tasks.StageAsync(context, new NewTask($"assignment/{accountId}/{edit.Now.UtcTicks}", "assignment", accountId, "cs-lead",
                $"Assign a CSM to {(string?)json["name"] ?? accountId}", decision.Reason + ". Add or free up a CSM, then assign with POST /api/csms/assignments.",
                edit.Now + TimeSpan.FromDays(2), "high"), json, ct);
            return new(AssignmentStatus.NobodyFits, null, decision.Reason, task.Id);
        }
        var csm = csms.First(x => x.Id == decision.Csm.Id);
        if (!await HasRoomAsync(context, csm, [accountId], ct)) return null;
        SetCsm(json, csm);
        context.CsmAssignments.Add(Journal(accountId, current, csm.Id, "assignment", decision.Reason, by, edit.Now));
        edit.Raise(AssignedEventId(accountId, csm.Id, by), "csm.assigned", new JsonObject { ["csmId"] = csm.Id, ["kept"] = false });
        return new(AssignmentStatus.Assigned, csm.Id, decision.Reason);
    }

    /// <summary>
    /// Locks the CSM's row for the rest of the transaction (opening one if needed), then checks that taking
    /// <paramref name="incoming"/> keeps them within capacity. Every writer of a CSM's book goes through this lock.
    /// </summary>
    private async Task<bool> HasRoomAsync(PlaybooksDbContext context, CsmRecord csm, IReadOnlyCollection<string> incoming, CancellationToken ct)
    {
        if (context.Database.CurrentTransaction is null) await context.Database.BeginTransactionAsync(ct);
        await context.Csms.Where(x => x.Id == csm.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Capacity, x => x.Capacity), ct);
        var load = await context.Accounts.CountAsync(a => a.CsmId == csm.Id && !incoming.Contains(a.Id), ct);
        return load + incoming.Count <= rules.Value.CapacityOf(Profile(csm));
    }

    /// <summary>
    /// Moves accounts (all of the CSM's book, or the listed ones) to another CSM in one transaction: each account's CSM
    /// (with history and <c>csm.assigned</c>), its open CSM tasks, a journal entry, and a handover task per account for
    /// the receiving CSM. Refused when it would put the receiver over capacity.
    /// </summary>
    public async Task<HandoverResult> HandoverAsync(string fromId, string toId, IReadOnlyList<string>? accountIds, string by, CancellationToken ct)
    {
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            await using var context = db.Create();
            var found = await context.Csms.AsNoTracking().Where(c => c.Id == fromId || c.Id == toId).ToListAsync(ct);
            if (found.FirstOrDefault(c => c.Id == fromId) is not { } from) return new(HandoverStatus.NotFound, $"no CSM '{fromId}'", [], []);
            if (found.FirstOrDefault(c => c.Id == toId) is not { } to) return new(HandoverStatus.Invalid, $"toCsmId: no CSM '{toId}'", [], []);
            if (fromId == toId) return new(HandoverStatus.Invalid, "toCsmId: a CSM cannot hand over to themselves", [], []);
            var book = await context.Accounts.Where(a => a.CsmId == fromId).OrderBy(a => a.Id).ToListAsync(ct);
            var selected = accountIds ?? book.Select(a => a.Id).ToList();
            if (selected.FirstOrDefault(a => book.All(b => b.Id != a)) is { } stranger)
                return new(HandoverStatus.Invalid, $"accountIds: {stranger} is not in {fromId}'s book", [], []);
            if (!await HasRoomAsync(context, to, selected, ct))
            {
                var load = await context.Accounts.CountAsync(a => a.CsmId == toId, ct);
                return new(HandoverStatus.OverCapacity, $"{toId} has {load} of {rules.Value.CapacityOf(Profile(to))} accounts; taking {selected.Count} more would exceed the capacity", [], []);
            }

            var now = time.GetUtcNow();
            var raised = new List<NewEvent>();
            var created = new List<Guid>();
            foreach (var record in book.Where(a => selected.Contains(a.Id)))
            {
                var before = JsonNode.Parse(record.Json)!.AsObject();
                var json = (JsonObject)before.DeepClone();
                SetCsm(json, to);
                var name = (string?)json["name"] ?? record.Id;
                var task = await tasks.StageAsync(context, new NewTask($"handover/{record.Id}/{fromId}/{toId}/{now.UtcTicks}", "handover", record.Id, "csm",
                    $"Handover: take over {name} from {from.Name}",
                    $"{from.Name} handed {name} over to you. Review the handover packet (contract, decision-makers and key users, current situation, problems to solve, implementation plan, plan progress, current usage) and introduce yourself to the decision-maker.",
                    now + TimeSpan.FromDays(5), "high", Required: true, AssigneeCsmId: toId), json, ct);
                created.Add(task.Id);
                AccountChanges.Record(context, record.Id, before, json, $"handover by {by}", "handover", now);
                AccountWriter.Store(record, json, now);
                context.CsmAssignments.Add(Journal(record.Id, fromId, toId, "handover", $"handover of {fromId}'s book to {toId}", by, now));
                var e = new NewEvent(AssignedEventId(record.Id, toId, $"handover:{now.UtcTicks}"), "csm.assigned", record.Id, new JsonObject { ["csmId"] = toId, ["from"] = fromId, ["handover"] = true });
                if (await events.StageAsync(context, e, ct)) raised.Add(e);
            }
            await context.Tasks.Where(x => selected.Contains(x.AccountId) && x.AssigneeCsmId == fromId && x.AssigneeRole == "csm" && x.Status == TaskService.Open)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.AssigneeCsmId, toId), ct);
            try
            {
                await context.SaveChangesAsync(ct);
                await context.Database.CommitTransactionAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                continue; // an account changed meanwhile: hand over again on fresh rows
            }
            await runtime.DeliverCommittedAsync(raised, ct);
            return new(HandoverStatus.Done, $"{selected.Count} account(s) handed over from {fromId} to {toId}", selected, created);
        }
        return new(HandoverStatus.Invalid, "the accounts kept changing during the handover; try again", [], []);
    }

    private static string AssignedEventId(string accountId, string csmId, string by) => $"csm.assigned:{accountId}:{csmId}:{by}";

    /// <summary>The account's <c>csmId</c> and the <c>csm</c> object shown with it (bursts read name and email from the CSM record).</summary>
    private static void SetCsm(JsonObject account, CsmRecord csm)
    {
        account["csmId"] = csm.Id;
        account["csm"] = new JsonObject { ["id"] = csm.Id, ["name"] = csm.Name, ["email"] = csm.Email };
    }

    public async Task<List<CsmAssignmentRecord>> HistoryAsync(string accountId, CancellationToken ct)
    {
        await using var context = db.Create();
        return await context.CsmAssignments.AsNoTracking().Where(a => a.AccountId == accountId).OrderBy(a => a.At).ToListAsync(ct);
    }

    private static CsmAssignmentRecord Journal(string accountId, string? from, string? to, string kind, string reason, string by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), AccountId = accountId, FromCsmId = from, ToCsmId = to, Kind = kind, Reason = reason, By = by, At = now,
    };
}
