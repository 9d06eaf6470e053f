using System.Net.Http.Headers;
using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Success.Steps.Integration;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Webhooks;

/// <summary>
/// Delivers webhook steps: a POST signed over a timestamp and the body (<see cref="WebhookSignature"/>), only to targets
/// <see cref="WebhookTargets"/> allows. 2xx is done; 408/429/5xx and network failures are retried (Retry-After
/// honoured); other answers (including redirects, which are not followed) and refused targets fail at once.
/// </summary>
public sealed class WebhookHandler(IHttpClientFactory http, IOptions<WebhookOptions> options, WebhookSigningKeys keys, WebhookTargets targets, TimeProvider time)
    : IOutboxHandler
{
    public string Kind => WebhookStep.OutboxKind;

    public async Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var url = (string?)delivery.Payload["url"] ?? throw new PermanentDeliveryException("webhook payload has no url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri)) throw new PermanentDeliveryException($"webhook url \"{url}\" is not an absolute address");
        if (targets.Refusal(uri) is { } refusal) throw new PermanentDeliveryException($"webhook to {url} refused: {refusal}");
        var body = System.Text.Encoding.UTF8.GetBytes(delivery.Payload["body"]?.ToJsonString() ?? "{}");
        using var request = new HttpRequestMessage(HttpMethod.Post, uri) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add("X-CsPlaybooks-Delivery", delivery.DedupKey);
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(body, time.GetUtcNow(), keys.All));
        var client = http.CreateClient(nameof(WebhookHandler));
        client.Timeout = options.Value.Timeout;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, ct);
        }
        catch (HttpRequestException e) when (Refused(e) is { } refused)
        {
            throw new PermanentDeliveryException($"webhook to {url} refused: {refused.Message}");
        }
        catch (HttpRequestException e)
        {
            throw new RetryAfterException($"webhook to {url} failed: {e.Message}", null);
        }
        using (response) HttpDelivery.EnsureDelivered(response, $"webhook to {url}", "fix the receiver or the URL, then retry the instance", time);
    }

    private static WebhookTargetRefusedException? Refused(Exception e) =>
        e as WebhookTargetRefusedException ?? (e.InnerException is { } inner ? Refused(inner) : null);
}
