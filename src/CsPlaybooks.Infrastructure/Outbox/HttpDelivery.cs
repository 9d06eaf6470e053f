namespace CsPlaybooks.Infrastructure.Outbox;

/// <summary>
/// What an HTTP answer means for a delivery, for every handler that posts over HTTP (webhooks, Slack, Teams): 2xx is
/// delivered; 408, 429 and 5xx are retried, after the answer's <c>Retry-After</c> when it gives one; any other answer
/// cannot succeed by retrying.
/// </summary>
public static class HttpDelivery
{
    /// <summary>Sends; a network failure or a timeout is retried later.</summary>
    public static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string what, CancellationToken ct)
    {
        try
        {
            return await client.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new RetryAfterException($"{what} failed: {e.Message}", null);
        }
    }

    /// <param name="what">Names the delivery in messages, e.g. "webhook to https://…".</param>
    /// <param name="fix">What the operator should do about a permanent refusal.</param>
    public static void EnsureDelivered(HttpResponseMessage response, string what, string fix, TimeProvider time)
    {
        if (response.IsSuccessStatusCode) return;
        var status = (int)response.StatusCode;
        if (status is 408 or 429 || status >= 500)
            throw new RetryAfterException($"{what} answered {status}", RetryAfter(response, time));
        throw new PermanentDeliveryException($"{what} answered {status} {response.ReasonPhrase}; {fix}");
    }

    public static TimeSpan? RetryAfter(HttpResponseMessage response, TimeProvider time) =>
        response.Headers.RetryAfter is { } header ? header.Delta ?? (header.Date is { } date ? date - time.GetUtcNow() : null) : null;
}
