using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Success.Steps.Tasks;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Notifications;

/// <summary>
/// Posts <c>notify</c> messages to Slack with <c>chat.postMessage</c> (bot token): to the step's channel, else to the
/// CSM's own Slack user (<c>users.lookupByEmail</c>), else to the recipient's configured channel or the default one.
/// Slack answers HTTP 200 with <c>{"ok":false,"error":…}</c> when it refuses: <c>ratelimited</c> and server-side errors
/// are retried, anything else (<c>channel_not_found</c>, <c>not_in_channel</c>, <c>invalid_auth</c>…) fails at once; HTTP
/// 429 is retried after its <c>Retry-After</c>. Slack has no idempotency key: a message is posted again only if a node
/// died between Slack's answer and recording it.
/// </summary>
public sealed class SlackNotifyHandler(IHttpClientFactory http, IOptions<ChatOptions> options, IOptions<EmailOptions> email, TimeProvider time) : IOutboxHandler
{
    private static readonly HashSet<string> TransientErrors = ["ratelimited", "internal_error", "fatal_error", "service_unavailable", "request_timeout"];

    public string Kind => NotifyStep.SlackOutboxKind;

    public async Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var slack = options.Value.Slack;
        if (string.IsNullOrEmpty(slack.BotToken)) throw new PermanentDeliveryException("Slack is not configured: set Notifications:Slack:BotToken");
        var message = ChatMessage.From(delivery.Payload, email.Value);
        var channel = message.SlackChannel
            ?? (message.RecipientEmail is { } address ? await FindUserAsync(address, ct) : null)
            ?? slack.Channels.GetValueOrDefault(message.To)
            ?? slack.DefaultChannel
            ?? throw new PermanentDeliveryException($"no Slack channel for '{message.To}': set slackChannel on the step, Notifications:Slack:Channels:{message.To} or Notifications:Slack:DefaultChannel");
        await CallAsync("chat.postMessage", JsonContent.Create(new JsonObject
        {
            ["channel"] = channel,
            ["text"] = $"{Escape(message.Text)}\n<{message.AccountLink}|Open {Escape(message.AccountId)} in CsPlaybooks>",
            ["unfurl_links"] = false,
        }), ct);
    }

    /// <summary>The Slack user with this e-mail address; null when Slack knows none.</summary>
    private async Task<string?> FindUserAsync(string address, CancellationToken ct)
    {
        var answer = await CallAsync("users.lookupByEmail", new FormUrlEncodedContent([new("email", address)]), ct, tolerated: "users_not_found");
        return (string?)answer?["user"]?["id"];
    }

    /// <returns>The answer when ok; null when Slack answered the <paramref name="tolerated"/> error.</returns>
    private async Task<JsonObject?> CallAsync(string method, HttpContent content, CancellationToken ct, string? tolerated = null)
    {
        var slack = options.Value.Slack;
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(slack.ApiBaseUrl, method)) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", slack.BotToken);
        var client = http.CreateClient(nameof(SlackNotifyHandler));
        client.Timeout = options.Value.Timeout;
        using var response = await HttpDelivery.SendAsync(client, request, $"Slack {method}", ct);
        HttpDelivery.EnsureDelivered(response, $"Slack {method}", "check Notifications:Slack:BotToken and the app's scopes", time);
        var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync(ct)) as JsonObject
            ?? throw new RetryAfterException($"Slack {method} answered something that is not JSON", null);
        if ((bool?)answer["ok"] == true) return answer;
        var error = (string?)answer["error"] ?? "unknown_error";
        if (error == tolerated) return null;
        if (TransientErrors.Contains(error)) throw new RetryAfterException($"Slack {method}: {error}", HttpDelivery.RetryAfter(response, time));
        throw new PermanentDeliveryException($"Slack {method} refused: {error}");
    }

    /// <summary>Slack's text format treats &amp;, &lt; and &gt; as control characters.</summary>
    private static string Escape(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
}
