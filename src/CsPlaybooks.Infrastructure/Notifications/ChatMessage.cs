using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Outbox;

namespace CsPlaybooks.Infrastructure.Notifications;

/// <summary>A <c>notify</c> outbox payload for a chat channel, with the link back to the account in the designer.</summary>
public sealed record ChatMessage(string To, string Text, string AccountId, string? RecipientEmail, string? SlackChannel, string AccountLink)
{
    public static ChatMessage From(JsonObject payload, EmailOptions email)
    {
        var accountId = (string?)payload["accountId"] ?? throw new PermanentDeliveryException("notify payload has no accountId");
        return new ChatMessage((string?)payload["to"] ?? "csm", (string?)payload["message"] ?? "", accountId, (string?)payload["recipientEmail"],
            (string?)payload["slackChannel"], $"{email.PublicBaseUrl.TrimEnd('/')}/#/accounts/{Uri.EscapeDataString(accountId)}");
    }
}
