using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Success.Email;

namespace CsPlaybooks.Infrastructure.Email;

public enum UnsubscribeStatus { Done, InvalidLink, NotFound }

public sealed record UnsubscribeResult(UnsubscribeStatus Status, string? ContactName = null, string? AccountName = null);

/// <summary>
/// The one-click unsubscribe: a genuine token withdraws the contact's digital-touch consent on the account document
/// (idempotent) through the account's one writer, with a history row and a <c>contact.unsubscribed</c> event. Emails already queued or deferred to that contact are suppressed when governance next looks at them.
/// Operational mail is not affected.
/// </summary>
public sealed class UnsubscribeService(AccountWriter accounts, UnsubscribeTokens tokens)
{
    public async Task<UnsubscribeResult> UnsubscribeAsync(string token, CancellationToken ct)
    {
        if (tokens.Read(token) is not var (accountId, contactKey)) return new(UnsubscribeStatus.InvalidLink);
        var result = new UnsubscribeResult(UnsubscribeStatus.NotFound);
        await accounts.EditAsync(accountId, "unsubscribe link", (edit, _) =>
        {
            var contact = (edit.Json?["contacts"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c =>
                (string?)c["id"] == contactKey || string.Equals(((string?)c["email"])?.Trim(), contactKey, StringComparison.OrdinalIgnoreCase));
            if (contact is null) return Task.FromResult(false);
            result = new(UnsubscribeStatus.Done, (string?)contact["name"], edit.Record!.Name);
            if (ContactConsent.IsWithdrawn(contact, EmailCategories.DigitalTouch)) return Task.FromResult(false);
            ContactConsent.Withdraw(contact, EmailCategories.DigitalTouch, edit.Now);
            edit.Reason = $"{(string?)contact["name"] ?? contactKey} unsubscribed from digital-touch email";
            edit.Raise($"contact.unsubscribed:{accountId}:{contactKey}", "contact.unsubscribed",
                new JsonObject { ["contact"] = (string?)contact["id"] ?? contactKey, ["email"] = (string?)contact["email"] });
            return Task.FromResult(true);
        }, ct);
        return result;
    }
}
