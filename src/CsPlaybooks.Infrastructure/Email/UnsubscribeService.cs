using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Success.Email;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Email;

public enum UnsubscribeStatus { Done, InvalidLink, NotFound }

public sealed record UnsubscribeResult(UnsubscribeStatus Status, string? ContactName = null, string? AccountName = null);

/// <summary>
/// The one-click unsubscribe: a genuine token withdraws the contact's digital-touch consent on the account document
/// (idempotent). Emails already queued or deferred to that contact are suppressed when governance next looks at them.
/// Operational mail is not affected.
/// </summary>
public sealed class UnsubscribeService(PlaybooksDb db, UnsubscribeTokens tokens, TimeProvider time)
{
    public async Task<UnsubscribeResult> UnsubscribeAsync(string token, CancellationToken ct)
    {
        if (tokens.Read(token) is not var (accountId, contactKey)) return new(UnsubscribeStatus.InvalidLink);
        await using var context = db.Create();
        var account = await context.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null) return new(UnsubscribeStatus.NotFound);
        var json = JsonNode.Parse(account.Json)!.AsObject();
        var contact = (json["contacts"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c =>
            (string?)c["id"] == contactKey || string.Equals(((string?)c["email"])?.Trim(), contactKey, StringComparison.OrdinalIgnoreCase));
        if (contact is null) return new(UnsubscribeStatus.NotFound);
        if (!ContactConsent.IsWithdrawn(contact, EmailCategories.DigitalTouch))
        {
            ContactConsent.Withdraw(contact, EmailCategories.DigitalTouch, time.GetUtcNow());
            account.Json = json.ToJsonString();
            account.UpdatedAt = time.GetUtcNow();
            await context.SaveChangesAsync(ct);
        }
        return new(UnsubscribeStatus.Done, (string?)contact["name"], account.Name);
    }
}
