using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Success.Email;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Email;

public enum UnsubscribeStatus { Ready, Done, InvalidLink, NotFound }

/// <summary>What an unsubscribe link stands for: <see cref="UnsubscribeStatus.Ready"/> from the preview, <see cref="UnsubscribeStatus.Done"/> once withdrawn.</summary>
public sealed record UnsubscribeResult(UnsubscribeStatus Status, string? ContactName = null, string? AccountName = null, bool AlreadyWithdrawn = false);

/// <summary>
/// The unsubscribe link. Reading it (<see cref="PreviewAsync"/>, the GET page) changes nothing, because mail scanners
/// open links; confirming it (<see cref="UnsubscribeAsync"/>, a POST from the page or a mail client's RFC 8058
/// one-click) withdraws the contact's digital-touch consent on the account document (idempotent) through the account's
/// one writer, with a history row and a <c>contact.unsubscribed</c> event. Emails already queued or deferred to that
/// contact are suppressed when governance next looks at them. Operational mail is not affected.
/// </summary>
public sealed class UnsubscribeService(AccountWriter accounts, PlaybooksDb db, UnsubscribeTokens tokens)
{
    public async Task<UnsubscribeResult> PreviewAsync(string token, CancellationToken ct)
    {
        if (tokens.Read(token) is not var (accountId, contactKey)) return new(UnsubscribeStatus.InvalidLink);
        await using var context = db.Create();
        var account = await context.Accounts.AsNoTracking().FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (account is null || FindContact(JsonNode.Parse(account.Json) as JsonObject, contactKey) is not { } contact) return new(UnsubscribeStatus.NotFound);
        return new(UnsubscribeStatus.Ready, (string?)contact["name"], account.Name, ContactConsent.IsWithdrawn(contact, EmailCategories.DigitalTouch));
    }

    public async Task<UnsubscribeResult> UnsubscribeAsync(string token, CancellationToken ct)
    {
        if (tokens.Read(token) is not var (accountId, contactKey)) return new(UnsubscribeStatus.InvalidLink);
        var result = new UnsubscribeResult(UnsubscribeStatus.NotFound);
        await accounts.EditAsync(accountId, "unsubscribe link", (edit, _) =>
        {
            if (FindContact(edit.Json, contactKey) is not { } contact) return Task.FromResult(false);
            var withdrawn = ContactConsent.IsWithdrawn(contact, EmailCategories.DigitalTouch);
            result = new(UnsubscribeStatus.Done, (string?)contact["name"], edit.Record!.Name, withdrawn);
            if (withdrawn) return Task.FromResult(false);
            ContactConsent.Withdraw(contact, EmailCategories.DigitalTouch, edit.Now);
            edit.Reason = $"{(string?)contact["name"] ?? contactKey} unsubscribed from digital-touch email";
            edit.Raise($"contact.unsubscribed:{accountId}:{contactKey}", "contact.unsubscribed",
                new JsonObject { ["contact"] = (string?)contact["id"] ?? contactKey, ["email"] = (string?)contact["email"] });
            return Task.FromResult(true);
        }, ct);
        return result;
    }

    /// <summary>The contact a token names: by contact id, else (contacts without one) by email address.</summary>
    private static JsonObject? FindContact(JsonObject? account, string contactKey) =>
        (account?["contacts"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(c =>
            (string?)c["id"] == contactKey || string.Equals(((string?)c["email"])?.Trim(), contactKey, StringComparison.OrdinalIgnoreCase));
}
