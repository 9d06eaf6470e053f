using System.Text.Json.Nodes;

namespace CsPlaybooks.Infrastructure.Webhooks;

/// <summary>
/// Webhooks (configuration section <c>Webhooks</c>): the signing key of outgoing ones, which addresses they may reach,
/// and the sources allowed to send signed events in (<see cref="Inbound"/>). See docs/webhooks.md.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// HMAC-SHA256 key that signs every outgoing webhook (<c>X-CsPlaybooks-Signature</c>). Default: a key generated once
    /// and shared by all nodes through the database; ops read it with <c>GET /api/webhooks/signing-key</c>.
    /// </summary>
    public string? Secret { get; set; }
    /// <summary>Keys being rotated out: while listed, each delivery carries a signature by each of them as well.</summary>
    public List<string> PreviousSecrets { get; set; } = [];
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>
    /// Hosts (names or IP addresses) or address ranges (CIDR, e.g. <c>10.20.0.0/16</c>) that webhooks may reach although
    /// they are private, loopback or link-local. Everything else in those ranges is refused, at publish and at send.
    /// </summary>
    public List<string> AllowedPrivateHosts { get; set; } = [];
    /// <summary>true: no address is refused (for a closed network where every receiver is internal). Default false.</summary>
    public bool AllowPrivateNetworks { get; set; }
    /// <summary>Signed events from other systems, by source name: <c>POST /api/webhooks/{source}</c>.</summary>
    public Dictionary<string, InboundWebhookSource> Inbound { get; set; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>One system allowed to post events to <c>POST /api/webhooks/{source}</c>.</summary>
public sealed class InboundWebhookSource
{
    /// <summary>The HMAC-SHA256 key shared with the source. Required: a source without one is refused.</summary>
    public string Secret { get; set; } = "";
    /// <summary>The key being rotated out, still accepted while set.</summary>
    public string? PreviousSecret { get; set; }
    /// <summary>Header carrying <c>t=&lt;unix seconds&gt;,v1=&lt;hex&gt;</c>. Default <c>X-CsPlaybooks-Signature</c>.</summary>
    public string SignatureHeader { get; set; } = WebhookSignature.Header;
    /// <summary>How old a signature's timestamp may be (either way), against replays. Default 5 minutes.</summary>
    public TimeSpan Tolerance { get; set; } = TimeSpan.FromMinutes(5);
    /// <summary>Where the event's fields are in the source's JSON (JSON pointers). Default <c>{ id, name, accountId, data }</c>.</summary>
    public InboundEventMapping Map { get; set; } = new();
}

/// <summary>JSON pointers (RFC 6901) into the posted body. A pointer that finds nothing leaves the field empty.</summary>
public sealed class InboundEventMapping
{
    /// <summary>The idempotency key: a repeated id is accepted once. Default <c>/id</c>.</summary>
    public string Id { get; set; } = "/id";
    public string Name { get; set; } = "/name";
    public string AccountId { get; set; } = "/accountId";
    public string Data { get; set; } = "/data";
    /// <summary>Put before the mapped name, e.g. <c>billing.</c> so <c>invoice.paid</c> arrives as <c>billing.invoice.paid</c>. Default none.</summary>
    public string NamePrefix { get; set; } = "";

    /// <summary>The event <c>{ id, name, accountId, data }</c> in the source's document, for the same checks as <c>POST /api/events</c>.</summary>
    public JsonObject ToEvent(JsonNode document)
    {
        var name = Scalar(JsonPointer.Find(document, Name));
        return new JsonObject
        {
            ["id"] = Scalar(JsonPointer.Find(document, Id)),
            ["name"] = name is JsonValue v && v.TryGetValue<string>(out var text) ? NamePrefix + text : name,
            ["accountId"] = Scalar(JsonPointer.Find(document, AccountId)),
            ["data"] = JsonPointer.Find(document, Data)?.DeepClone(),
        };
    }

    /// <summary>Numbers become strings (many systems number their ids); anything else is passed on as it is, for the checks to name.</summary>
    private static JsonNode? Scalar(JsonNode? node) =>
        node is JsonValue v && v.GetValueKind() == System.Text.Json.JsonValueKind.Number ? JsonValue.Create(v.ToJsonString()) : node?.DeepClone();
}
