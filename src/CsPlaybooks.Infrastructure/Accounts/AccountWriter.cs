using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Events;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Faults;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Accounts;

/// <summary>
/// The one writer of account documents outside playbook bursts (which stage theirs through <see cref="AccountChanges"/>):
/// loads the row, lets the caller change the document, records each changed field in the history, bumps the revision
/// (the concurrency token), keeps the indexed columns in step, commits together with the events the change raises,
/// and runs the change again on a fresh row if someone else wrote the account meanwhile — so no write is lost.
/// </summary>
public sealed class AccountWriter(PlaybooksDb db, EventQueue events, WorkflowRuntime runtime, FaultInjection faults, TimeProvider time)
{
    private const int MaxAttempts = 20;

    /// <summary>
    /// Runs <paramref name="change"/> on the account until it commits. Return false from it to write nothing (e.g. the
    /// account is missing or already as wanted). Returns whether anything was written, and whether the account was created.
    /// <paramref name="commitPoint"/> names the commit for test-only fault injection (<see cref="FaultInjection"/>).
    /// </summary>
    public async Task<(bool Written, bool Created)> EditAsync(string accountId, string source, Func<AccountEdit, CancellationToken, Task<bool>> change,
        CancellationToken ct, string? commitPoint = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var context = db.Create();
            var record = await context.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
            var edit = new AccountEdit(context, accountId, record, time.GetUtcNow());
            var before = record is null ? null : JsonNode.Parse(record.Json)!.AsObject();
            if (!await change(edit, ct)) return (false, false);
            StageEdit(context, edit, before, source);
            var staged = await events.StageManyAsync(context, edit.Raised, ct);
            try
            {
                await context.SaveChangesAsync(ct);
                // A change that locked rows (e.g. a CSM's capacity) opened a transaction: the change commits with it.
                if (context.Database.CurrentTransaction is { } transaction) await transaction.CommitAsync(ct);
            }
            catch (DbUpdateConcurrencyException) when (attempt < MaxAttempts)
            {
                continue; // written meanwhile (a playbook step, another call): change the fresh row
            }
            catch (DbUpdateException) when (before is null && attempt < MaxAttempts)
            {
                continue; // created meanwhile by a concurrent call: replace that one
            }
            if (commitPoint is not null) faults.AfterCommit(commitPoint);
            await runtime.DeliverCommittedAsync(staged, ct);
            return (true, before is null);
        }
    }

    /// <summary>
    /// Changes many existing accounts in one transaction (a batch of usage): one query loads their rows, <paramref name="change"/>
    /// edits them all (and may stage related rows, set-based, on their shared context), and each edit is stored by the
    /// same rules as <see cref="EditAsync"/> (history, indexed columns, revision, events). When the batch cannot commit
    /// (someone wrote one of the accounts meanwhile), nothing of it is kept and each account is edited on its own
    /// through <see cref="EditAsync"/> with <paramref name="changeOne"/>. Returns the ids that name no account.
    /// </summary>
    public async Task<IReadOnlyList<string>> EditManyAsync(IReadOnlyList<string> accountIds, string source, Func<IReadOnlyList<AccountEdit>, CancellationToken, Task> change,
        Func<AccountEdit, CancellationToken, Task<bool>> changeOne, CancellationToken ct)
    {
        List<string> found;
        IReadOnlyList<NewEvent> staged;
        var committed = false;
        await using (var context = db.Create())
        {
            var records = await context.Accounts.Where(a => accountIds.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
            var now = time.GetUtcNow();
            var edits = accountIds.Where(records.ContainsKey).Distinct().Select(id => new AccountEdit(context, id, records[id], now)).ToList();
            found = edits.Select(e => e.AccountId).ToList();
            if (edits.Count == 0) return accountIds;
            await change(edits, ct);
            foreach (var edit in edits) StageEdit(context, edit, JsonNode.Parse(edit.Record!.Json)!.AsObject(), source);
            staged = await events.StageManyAsync(context, edits.SelectMany(e => e.Raised).ToList(), ct);
            try
            {
                await context.SaveChangesAsync(ct);
                if (context.Database.CurrentTransaction is { } transaction) await transaction.CommitAsync(ct);
                committed = true;
            }
            catch (DbUpdateException)
            {
                // written meanwhile (a playbook step, another call): each account again on its own, on a fresh row
            }
        }
        if (committed) await runtime.DeliverCommittedAsync(staged, ct);
        else foreach (var id in found) await EditAsync(id, source, changeOne, ct);
        return accountIds.Except(found).ToList();
    }

    /// <summary>
    /// Creates many new accounts in one transaction (a book loaded at once): one query finds which ids exist already
    /// (left as they are, and returned), every other document is stored by the same rules as <see cref="EditAsync"/>
    /// (history, indexed columns, revision). When the batch cannot commit (one was created meanwhile), nothing of it is
    /// kept and each account is created on its own through <see cref="EditAsync"/>, unless it exists by then.
    /// </summary>
    public async Task<IReadOnlyList<string>> CreateManyAsync(IReadOnlyList<(string Id, JsonObject Document)> accounts, string source, CancellationToken ct)
    {
        var ids = accounts.Select(a => a.Id).ToList();
        HashSet<string> existing;
        List<(string Id, JsonObject Document)> created;
        await using (var context = db.Create())
        {
            existing = (await context.Accounts.AsNoTracking().Where(a => ids.Contains(a.Id)).Select(a => a.Id).ToListAsync(ct)).ToHashSet();
            var now = time.GetUtcNow();
            created = accounts.Where(a => !existing.Contains(a.Id)).DistinctBy(a => a.Id).ToList();
            foreach (var (id, document) in created)
            {
                var edit = new AccountEdit(context, id, null, now);
                edit.Replace(document);
                StageEdit(context, edit, null, source);
            }
            try
            {
                await context.SaveChangesAsync(ct);
                return existing.ToList();
            }
            catch (DbUpdateException)
            {
                // created meanwhile by another call: each account again on its own
            }
        }
        foreach (var (id, document) in created)
        {
            var (written, _) = await EditAsync(id, source, (edit, _) =>
            {
                if (edit.Json is not null) return Task.FromResult(false);
                edit.Replace(document);
                return Task.FromResult(true);
            }, ct);
            if (!written) existing.Add(id);
        }
        return existing.ToList();
    }

    /// <summary>Stores an edit's document on its row (a new row when the account is created) with its history.</summary>
    private static void StageEdit(PlaybooksDbContext context, AccountEdit edit, JsonObject? before, string source)
    {
        if (edit.Json is not { } after || (!edit.Replaced && JsonNode.DeepEquals(before, after))) return;
        var record = edit.Record;
        if (record is null)
        {
            record = new AccountRecord { Id = edit.AccountId, Name = edit.AccountId, Json = "", CreatedAt = edit.Now };
            context.Accounts.Add(record);
        }
        if (edit.RecordsHistory) AccountChanges.Record(context, edit.AccountId, before, after, source, edit.Reason, edit.Now);
        Store(record, after, edit.Now);
    }

    /// <summary>Creates or replaces a whole document; returns true when it was created.</summary>
    public async Task<bool> ReplaceAsync(string accountId, JsonObject document, string source, CancellationToken ct) =>
        (await EditAsync(accountId, source, (edit, _) =>
        {
            edit.Replace(document);
            return Task.FromResult(true);
        }, ct)).Created;

    /// <summary>Writes a changed document to its row: JSON, the indexed columns (<see cref="AccountColumns"/>), and a new revision.</summary>
    internal static void Store(AccountRecord record, JsonObject json, DateTimeOffset now)
    {
        record.Json = json.ToJsonString();
        AccountColumns.Copy(json, record);
        record.UpdatedAt = now;
        record.Revision++;
    }
}
