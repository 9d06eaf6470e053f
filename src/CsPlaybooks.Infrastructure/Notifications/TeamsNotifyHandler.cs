using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Success.Steps.Tasks;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Notifications;

/// <summary>
/// Posts <c>notify</c> messages to a Microsoft Teams channel through a Teams Workflows webhook (an Adaptive Card with
/// the message and a button back to the account). Microsoft Graph cannot post channel messages with application
/// permissions, which is why a webhook is the way in. 2xx is delivered; 408/429/5xx are retried (Retry-After
/// honoured); other answers fail at once. The webhook has no idempotency key either.
/// </summary>
public sealed class TeamsNotifyHandler(IHttpClientFactory http, IOptions<ChatOptions> options, IOptions<EmailOptions> email, TimeProvider time) : IOutboxHandler
{
    public string Kind => NotifyStep.TeamsOutboxKind;

    public async Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var teams = options.Value.Teams;
        var message = ChatMessage.From(delivery.Payload, email.Value);
        var url = teams.Webhooks.GetValueOrDefault(message.To) ?? teams.WebhookUrl
            ?? throw new PermanentDeliveryException($"Teams is not configured for '{message.To}': set Notifications:Teams:WebhookUrl or Notifications:Teams:Webhooks:{message.To}");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) throw new PermanentDeliveryException($"the Teams webhook URL for '{message.To}' is not an absolute address");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = JsonContent.Create(Card(message)) };
        var client = http.CreateClient(nameof(TeamsNotifyHandler));
        client.Timeout = options.Value.Timeout;
        using var response = await HttpDelivery.SendAsync(client, request, "the Teams webhook", ct);
        HttpDelivery.EnsureDelivered(response, "the Teams webhook", "check the workflow behind Notifications:Teams:WebhookUrl", time);
    }

    private static JsonObject Card(ChatMessage message) => new()
    {
        ["type"] = "message",
        ["attachments"] = new JsonArray(new JsonObject
        {
            ["contentType"] = "application/vnd.microsoft.card.adaptive",
            ["content"] = new JsonObject
            {
                ["$schema"] = "http://adaptivecards.io/schemas/adaptive-card.json", ["type"] = "AdaptiveCard", ["version"] = "1.4",
                ["body"] = new JsonArray(new JsonObject { ["type"] = "TextBlock", ["text"] = message.Text, ["wrap"] = true }),
                ["actions"] = new JsonArray(new JsonObject { ["type"] = "Action.OpenUrl", ["title"] = $"Open {message.AccountId}", ["url"] = message.AccountLink }),
            },
        }),
    };
}
