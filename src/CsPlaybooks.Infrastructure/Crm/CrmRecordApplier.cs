using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Success.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Crm;

public enum CrmOutcome { Created, Updated, Unchanged, Skipped }

public sealed record CrmApplied(CrmOutcome Outcome, string? Reason = null);

/// <summary>
/// Applies one mapped CRM record through the <see cref="AccountWriter"/> (history "by crm sync"): a company creates or
/// updates its account (a new one raises <c>account.signed</c> in the same commit, so the handover playbook starts),
/// a contact joins its account's contacts, a closed-won deal becomes the contract (a later deal renews it through
/// <see cref="ContractRenewal"/>). Applying the same record twice changes nothing the second time.
/// </summary>
public sealed class CrmRecordApplier(AccountWriter writer, PlaybooksDb db)
{
    public const string Reason = "by crm sync";

    public Task<CrmApplied> ApplyAsync(string connector, CrmItem item, CancellationToken ct) => item switch
    {
        { SkipReason: { } reason } => Task.FromResult(new CrmApplied(CrmOutcome.Skipped, reason)),
        CrmCompany company => CompanyAsync(connector, company, ct),
        CrmContact contact => ContactAsync(connector, contact, ct),
        CrmDeal deal => DealAsync(connector, deal, ct),
        _ => throw new ArgumentException($"unknown CRM record {item.GetType().Name}", nameof(item)),
    };

    private async Task<CrmApplied> CompanyAsync(string connector, CrmCompany company, CancellationToken ct)
    {
        var csmId = company.CsmEmail is { } email ? await CsmWithEmailAsync(email, ct) : null;
        return await EditAsync(connector, company.AccountId, ct, (edit, document) =>
        {
            var created = edit.Json is null;
            if (created)
            {
                document["stage"] = "signing";
                document["isNew"] = true;
            }
            document["name"] = company.Name;
            document["tier"] = company.Tier;
            if (company.Industry is { } industry) document["industry"] = industry;
            if (company.TimeZone is { } zone) document["timeZone"] = zone;
            if (csmId is not null) document["csmId"] = csmId;
            document["crm"] = new JsonObject { ["system"] = connector, ["id"] = company.Id };
            if (created)
                edit.Raise($"account.signed:{edit.AccountId}:{connector}:{edit.Now.ToUnixTimeMilliseconds()}", "account.signed",
                    new JsonObject { ["source"] = $"{connector} crm sync", ["crmId"] = company.Id });
            return created ? CrmOutcome.Created : CrmOutcome.Updated;
        });
    }

    private Task<CrmApplied> ContactAsync(string connector, CrmContact contact, CancellationToken ct) =>
        EditAsync(connector, contact.AccountId!, ct, (edit, document) =>
        {
            if (edit.Json is null) return CrmOutcome.Skipped;
            if (document["contacts"] is not JsonArray contacts) document["contacts"] = contacts = [];
            var id = $"{connector}-{contact.Id}";
            var entry = contacts.OfType<JsonObject>().FirstOrDefault(c => (string?)c["id"] == id);
            var created = entry is null;
            if (entry is null) contacts.Add(entry = new JsonObject { ["id"] = id });
            entry["name"] = contact.Name;
            if (contact.Email is { } email) entry["email"] = email;
            if (contact.Role is { } role) entry["role"] = role;
            return created ? CrmOutcome.Created : CrmOutcome.Updated;
        });

    /// <summary>
    /// The deal that is the current contract (same deal, or same start) updates it in place; a deal starting later is a
    /// new term (the renewal path); an older one is skipped.
    /// </summary>
    private Task<CrmApplied> DealAsync(string connector, CrmDeal deal, CancellationToken ct)
    {
        string? older = null;
        return EditAsync(connector, deal.AccountId!, ct, (edit, document) =>
        {
            if (edit.Json is null) return CrmOutcome.Skipped;
            var terms = new JsonObject { ["start"] = $"{deal.Start:yyyy-MM-dd}", ["end"] = $"{deal.End:yyyy-MM-dd}" };
            if (deal.Value is { } value) terms["value"] = value;
            if (deal.Currency is { } currency) terms["currency"] = currency;
            terms["crmDealId"] = deal.Id;
            var current = document["contract"] as JsonObject;
            var currentStart = (string?)current?["start"];
            if (current is null || (string?)current["crmDealId"] == deal.Id || currentStart == (string?)terms["start"])
            {
                var first = current is null;
                foreach (var (field, node) in terms) (current ??= [])[field] = node?.DeepClone();
                document["contract"] = current;
                return first ? CrmOutcome.Created : CrmOutcome.Updated;
            }
            if (string.CompareOrdinal(currentStart, (string?)terms["start"]) > 0)
            {
                older = $"older than the account's current contract (starting {currentStart})";
                return CrmOutcome.Skipped;
            }
            ContractRenewal.Apply(edit, document, terms, $"closed-won deal \"{deal.Name}\" in {connector}", null);
            return CrmOutcome.Created;
        }, () => older);
    }

    /// <summary>
    /// Runs <paramref name="change"/> on a copy of the account's document (empty when the account does not exist) through the writer; a
    /// change that leaves the document as it was writes nothing (<see cref="CrmOutcome.Unchanged"/>); a document the
    /// account rules refuse is skipped with their reasons.
    /// </summary>
    private async Task<CrmApplied> EditAsync(string connector, string accountId, CancellationToken ct,
        Func<AccountEdit, JsonObject, CrmOutcome> change, Func<string?>? skipReason = null)
    {
        var outcome = new CrmApplied(CrmOutcome.Unchanged);
        await writer.EditAsync(accountId, $"{connector} crm sync", (edit, _) =>
        {
            var before = edit.Json?.DeepClone();
            var document = edit.Json?.DeepClone().AsObject() ?? [];
            var result = change(edit, document);
            if (result == CrmOutcome.Skipped)
            {
                outcome = new CrmApplied(CrmOutcome.Skipped, skipReason?.Invoke()
                    ?? $"its company's account '{accountId}' does not exist (the company was skipped or is not synced yet)");
                return Task.FromResult(false);
            }
            if (JsonNode.DeepEquals(before, document))
            {
                outcome = new CrmApplied(CrmOutcome.Unchanged);
                return Task.FromResult(false);
            }
            var (account, errors) = AccountDocument.Read(accountId, document);
            if (account is null)
            {
                outcome = new CrmApplied(CrmOutcome.Skipped, "the account rules refuse it: " + string.Join("; ", errors.Select(e => e.Message)));
                return Task.FromResult(false);
            }
            edit.Replace(account.Json);
            edit.Reason = Reason;
            outcome = new CrmApplied(result);
            return Task.FromResult(true);
        }, ct);
        return outcome;
    }

    private async Task<string?> CsmWithEmailAsync(string email, CancellationToken ct)
    {
        await using var context = db.Create();
        var lower = email.ToLowerInvariant();
        return await context.Csms.AsNoTracking().Where(c => c.Email != null && c.Email.ToLower() == lower).Select(c => c.Id).FirstOrDefaultAsync(ct);
    }
}
