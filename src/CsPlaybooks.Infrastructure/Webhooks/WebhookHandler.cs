using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using CsPlaybooks.Infrastructure.Outbox;
using CsPlaybooks.Success.Steps.Integration;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Webhooks;

public sealed class WebhookOptions
{
    /// <summary>HMAC-SHA256 key for the <c>X-CsPlaybooks-Signature</c> header; empty → unsigned (not recommended).</summary>
    public string Secret { get; set; } = "";
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}

/// <summary>Delivers webhook steps: a signed POST; 2xx is done, 408/429/5xx are retried (Retry-After honoured), other 4xx fail at once.</summary>
public sealed class WebhookHandler(IHttpClientFactory http, IOptions<WebhookOptions> options) : IOutboxHandler
{
    public string Kind => WebhookStep.OutboxKind;

    public async Task DeliverAsync(OutboxDelivery delivery, CancellationToken ct)
    {
        var url = (string?)delivery.Payload["url"] ?? throw new PermanentDeliveryException("webhook payload has no url");
        var body = delivery.Payload["body"]?.ToJsonString() ?? "{}";
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-CsPlaybooks-Delivery", delivery.DedupKey);
        if (options.Value.Secret.Length > 0)
            request.Headers.Add("X-CsPlaybooks-Signature", "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.Secret), Encoding.UTF8.GetBytes(body))));
        var client = http.CreateClient(nameof(WebhookHandler));
        client.Timeout = options.Value.Timeout;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, ct);
        }
        catch (HttpRequestException e)
        {
            throw new RetryAfterException($"webhook to {url} failed: {e.Message}", null);
        }
        using (response)
        {
            if (response.IsSuccessStatusCode) return;
            var status = (int)response.StatusCode;
            if (status is 408 or 429 || status >= 500)
                throw new RetryAfterException($"webhook to {url} answered {status}", RetryAfter(response.Headers.RetryAfter));
            throw new PermanentDeliveryException($"webhook to {url} answered {status} {response.ReasonPhrase}; fix the receiver or the URL, then retry the instance");
        }
    }

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header) =>
        header?.Delta ?? (header?.Date is { } date ? date - DateTimeOffset.UtcNow : null);
}
