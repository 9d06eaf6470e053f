using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Outbox;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Crm.HubSpot;

/// <summary>
/// Calls HubSpot's API with the private app's bearer token and turns its answers into what a sync can act on:
/// 401 / 403 (<c>{"status":"error","message":…,"category":"INVALID_AUTHENTICATION"}</c>) → <see cref="CrmAccessException"/>
/// naming the setting to fix; 429 (<c>"category":"RATE_LIMITS"</c>), 408, 5xx and network failures →
/// <see cref="CrmRetryLaterException"/> with the answer's <c>Retry-After</c>; any other refusal fails the run.
/// </summary>
public sealed class HubSpotClient(IHttpClientFactory http, IOptions<HubSpotOptions> options, TimeProvider time)
{
    public async Task<JsonObject> SendAsync(HttpMethod method, string path, JsonObject? body, CancellationToken ct)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(method, new Uri(settings.BaseUrl, path)) { Content = body is null ? null : JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AccessToken);
        var client = http.CreateClient(nameof(HubSpotClient));
        client.Timeout = settings.Timeout;
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, ct);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !ct.IsCancellationRequested))
        {
            throw new CrmRetryLaterException($"HubSpot {path} failed: {e.Message}", null);
        }
        using (response)
        {
            var answer = Parse(await response.Content.ReadAsStringAsync(ct));
            var status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
                return answer ?? throw new InvalidOperationException($"HubSpot {path} answered {status} with something that is not a JSON object");
            var detail = Describe(status, answer, response.ReasonPhrase);
            if (status == 401)
                throw new CrmAccessException($"HubSpot refused the access token ({detail}); set {HubSpotOptions.Section}:AccessToken to the private app's current token");
            if (status == 403)
                throw new CrmAccessException($"HubSpot refused {path} ({detail}); give the private app the scopes listed in docs/crm.md, then check {HubSpotOptions.Section}:AccessToken");
            if (status is 408 or 429 || status >= 500)
                throw new CrmRetryLaterException($"HubSpot {path} answered {detail}", HttpDelivery.RetryAfter(response, time));
            throw new InvalidOperationException($"HubSpot {path} answered {detail}");
        }
    }

    /// <summary>"429 RATE_LIMITS: You have reached your ten_secondly_rolling limit. (correlationId …)".</summary>
    private static string Describe(int status, JsonObject? error, string? reason)
    {
        var category = (string?)error?["category"] ?? (string?)error?["errorType"];
        var message = (string?)error?["message"] ?? reason;
        var correlation = (string?)error?["correlationId"];
        return $"{status}{(category is null ? "" : " " + category)}: {message}{(correlation is null ? "" : $" (correlationId {correlation})")}";
    }

    private static JsonObject? Parse(string text)
    {
        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
