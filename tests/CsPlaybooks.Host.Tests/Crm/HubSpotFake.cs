using System.Text.Json.Nodes;
using WireMock.Logging;
using WireMock.ResponseBuilders;
using WireMock.Server;
using Request = WireMock.RequestBuilders.Request;

namespace CsPlaybooks.Host.Tests.Crm;

/// <summary>
/// HubSpot's CRM v3 API as WireMock.Net answers it, in HubSpot's shapes: search results
/// (<c>{ total, results: [{ id, properties, createdAt, updatedAt, archived }], paging: { next: { after } } }</c>),
/// v4 association batch reads, owners, and its error bodies (<c>{ status: "error", message, correlationId, category }</c>).
/// </summary>
public sealed class HubSpotFake : IDisposable
{
    public const string Token = "pat-na1-test-token";
    /// <summary>Lower wins: failures (priority 1) answer before the ordinary answers.</summary>
    private const int Ordinary = 10;
    private readonly WireMockServer _server = WireMockServer.Start();

    public string Url => _server.Url + "/";

    public Dictionary<string, string> Settings => new()
    {
        ["Crm:HubSpot:AccessToken"] = Token,
        ["Crm:HubSpot:BaseUrl"] = Url,
    };

    public void Dispose() => _server.Stop();

    public void Reset() => _server.Reset();

    /// <summary>
    /// Answers a search of <paramref name="type"/>: the first page when the request has no <c>after</c>, later pages by
    /// their <c>after</c>; no pages: one empty page (nothing changed).
    /// </summary>
    public void Search(string type, params JsonObject[][] pages)
    {
        if (pages.Length == 0) pages = [[]];
        for (var i = 0; i < pages.Length; i++)
        {
            var after = i == 0 ? null : i.ToString();
            var answer = new JsonObject { ["total"] = pages.Sum(p => p.Length), ["results"] = new JsonArray(pages[i].Select(r => (JsonNode)r.DeepClone()).ToArray()) };
            if (i < pages.Length - 1) answer["paging"] = new JsonObject { ["next"] = new JsonObject { ["after"] = (i + 1).ToString() } };
            _server.Given(Request.Create().WithPath($"/crm/v3/objects/{type}/search").UsingPost()
                    .WithBody((string? body) => body is not null && (string?)JsonNode.Parse(body)!["after"] == after)).AtPriority(Ordinary)
                .RespondWith(Json(200, answer));
        }
    }

    /// <summary>v4 batch read of <paramref name="type"/> → companies: each record to its company, labelled Primary.</summary>
    public void Companies(string type, params (string From, string Company)[] links) =>
        _server.Given(Request.Create().WithPath($"/crm/v4/associations/{type}/companies/batch/read").UsingPost()).AtPriority(Ordinary)
            .RespondWith(Json(200, new JsonObject
            {
                ["status"] = "COMPLETE",
                ["results"] = new JsonArray(links.Select(l => (JsonNode)new JsonObject
                {
                    ["from"] = new JsonObject { ["id"] = l.From },
                    ["to"] = new JsonArray(new JsonObject
                    {
                        ["toObjectId"] = long.Parse(l.Company),
                        ["associationTypes"] = new JsonArray(
                            new JsonObject { ["category"] = "HUBSPOT_DEFINED", ["typeId"] = type == "contacts" ? 1 : 5, ["label"] = "Primary" },
                            new JsonObject { ["category"] = "HUBSPOT_DEFINED", ["typeId"] = type == "contacts" ? 279 : 341, ["label"] = null }),
                    }),
                }).ToArray()),
                ["startedAt"] = "2026-03-02T09:00:00.100Z", ["completedAt"] = "2026-03-02T09:00:00.140Z",
            }));

    public void Owners(params (string Id, string Email)[] owners) =>
        _server.Given(Request.Create().WithPath("/crm/v3/owners").UsingGet()).AtPriority(Ordinary)
            .RespondWith(Json(200, new JsonObject
            {
                ["results"] = new JsonArray(owners.Select(o => (JsonNode)new JsonObject
                {
                    ["id"] = o.Id, ["email"] = o.Email, ["type"] = "PERSON", ["firstName"] = "Casey", ["lastName"] = "Chen", ["userId"] = 9586504,
                    ["createdAt"] = "2025-01-10T10:00:00Z", ["updatedAt"] = "2025-06-01T10:00:00Z", ["archived"] = false,
                }).ToArray()),
            }));

    /// <summary>Every HubSpot call answers 401 as HubSpot does for a revoked or wrong token.</summary>
    public void RefuseToken() =>
        _server.Given(Request.Create().WithPath("/crm/*")).AtPriority(1)
            .RespondWith(Json(401, Error("Authentication credentials not found. This API supports OAuth 2.0 authentication and you can find more details at https://developers.hubspot.com/docs/methods/auth/oauth-overview", "INVALID_AUTHENTICATION")));

    /// <summary>The first search of <paramref name="type"/> answers 429 with Retry-After; later ones fall through to the other mappings.</summary>
    public void RateLimitOnce(string type, int retryAfterSeconds) =>
        _server.Given(Request.Create().WithPath($"/crm/v3/objects/{type}/search").UsingPost()).AtPriority(1).InScenario("rate-limit").WillSetStateTo("limited once")
            .RespondWith(Json(429, Error("You have reached your ten_secondly_rolling limit.", "RATE_LIMITS")).WithHeader("Retry-After", retryAfterSeconds.ToString()));

    public List<JsonObject> SearchRequests(string type) =>
        Logged($"/crm/v3/objects/{type}/search").Select(e => JsonNode.Parse(e.RequestMessage.Body!)!.AsObject()).ToList();

    public IEnumerable<ILogEntry> Logged(string path) =>
        _server.LogEntries.Where(e => e.RequestMessage.Path == path).OrderBy(e => e.RequestMessage.DateTime);

    public static JsonObject Company(string id, string name, string? tier, DateTimeOffset modified, string? ownerId = null) => Record(id, modified, new JsonObject
    {
        ["name"] = name, ["hs_ideal_customer_profile"] = tier, ["industry"] = "HOSPITALITY", ["timezone"] = "europe_slash_berlin",
        ["hubspot_owner_id"] = ownerId, ["hs_lastmodifieddate"] = Iso(modified),
    });

    public static JsonObject Contact(string id, string first, string last, string email, DateTimeOffset modified) => Record(id, modified, new JsonObject
    {
        ["firstname"] = first, ["lastname"] = last, ["email"] = email, ["lastmodifieddate"] = Iso(modified),
    });

    public static JsonObject Deal(string id, string name, string closeDate, string amount, DateTimeOffset modified) => Record(id, modified, new JsonObject
    {
        ["dealname"] = name, ["closedate"] = closeDate, ["amount"] = amount, ["deal_currency_code"] = "EUR", ["hs_is_closed_won"] = "true",
        ["dealstage"] = "closedwon", ["hs_lastmodifieddate"] = Iso(modified),
    });

    private static JsonObject Record(string id, DateTimeOffset modified, JsonObject properties)
    {
        properties["hs_object_id"] = id;
        properties["createdate"] = "2025-11-03T08:15:00.000Z";
        return new JsonObject
        {
            ["id"] = id, ["properties"] = properties, ["createdAt"] = "2025-11-03T08:15:00.000Z", ["updatedAt"] = Iso(modified), ["archived"] = false,
        };
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'");

    private static JsonObject Error(string message, string category) => new()
    {
        ["status"] = "error", ["message"] = message, ["correlationId"] = "8f6b1c6e-2b8a-4f3e-9d51-3c1f0e7a9b42", ["category"] = category,
    };

    private static IResponseBuilder Json(int status, JsonObject body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json;charset=utf-8").WithBody(body.ToJsonString());
}
