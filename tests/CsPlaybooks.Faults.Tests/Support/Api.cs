using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace CsPlaybooks.Faults.Tests.Support;

/// <summary>JSON over HTTP against a host process, and a retry that rides out hosts being killed.</summary>
public static class Api
{
    public static Task<HttpResponseMessage> PostJson(this HttpClient client, string url, JsonNode body) =>
        client.PostAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    public static Task<HttpResponseMessage> PutJson(this HttpClient client, string url, JsonNode body) =>
        client.PutAsync(url, new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"));

    /// <summary>Asserts the status and returns the JSON body (empty for other content; shown when the status differs).</summary>
    public static async Task<JsonNode> Expect(this HttpResponseMessage response, params int[] statuses)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(statuses.Contains((int)response.StatusCode), $"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected HTTP {string.Join(" or ", statuses)}, got {(int)response.StatusCode}: {text}");
        var json = response.Content.Headers.ContentType?.MediaType?.Contains("json") == true;
        return !json || string.IsNullOrWhiteSpace(text) ? new JsonObject() : JsonNode.Parse(text)!;
    }

    public static async Task<JsonNode> GetJson(this HttpClient client, string url) => await (await client.GetAsync(url)).Expect(200);

    /// <summary>
    /// Sends until the host answers: a refused or cut connection or a timeout (the host was killed, or is starting) is
    /// retried after a short pause, up to <paramref name="within"/>. Counts the retries in <paramref name="retries"/>.
    /// Any HTTP answer, even 5xx, is returned as it is.
    /// </summary>
    public static async Task<HttpResponseMessage> Persistently(Func<Task<HttpResponseMessage>> send, RetryCounter? retries = null, TimeSpan? within = null)
    {
        var deadline = DateTime.UtcNow + (within ?? TimeSpan.FromMinutes(2));
        while (true)
        {
            try
            {
                return await send();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && DateTime.UtcNow < deadline)
            {
                retries?.Increment();
                await Task.Delay(150);
            }
        }
    }
}

public sealed class RetryCounter
{
    private int _count;
    public int Count => _count;
    public void Increment() => Interlocked.Increment(ref _count);
}
