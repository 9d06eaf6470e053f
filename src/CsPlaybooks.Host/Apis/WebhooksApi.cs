using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Infrastructure.Runtime;
using CsPlaybooks.Infrastructure.Webhooks;
using Microsoft.Extensions.Options;

using Microsoft.AspNetCore.Http.HttpResults;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// Signed webhooks. In: other systems post events to <c>/api/webhooks/{source}</c>, authenticated by an HMAC signature
/// over a timestamp and the body with the source's key (<c>Webhooks:Inbound:{source}</c>), not by an API key; accepted
/// events take the same path as <c>POST /api/events</c>. Out: ops read the key outgoing webhooks are signed with.
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webhooks/{source}", Receive).WithTags("Webhooks").AllowAnonymous().DisableAntiforgery()
            .Accepts<JsonObject>("application/json").Produces<EventAccepted>(202).Produces<EventAccepted>().ProducesProblem(400).ProducesProblem(401).ProducesProblem(404)
            .WithSummary("A signed event from a configured source (header X-CsPlaybooks-Signature: t=<unix>,v1=<hex HMAC-SHA256 of \"t.\" + body>); see docs/webhooks.md");
        app.MapGet("/api/webhooks/signing-key", SigningKey).WithTags("Webhooks").RequireAuthorization(Policies.Design)
            .WithSummary("The key outgoing webhooks are signed with, for receivers to verify them (ops only)");
        return app;
    }

    private static async Task<IResult> Receive(string source, HttpRequest request, IOptions<WebhookOptions> options, TimeProvider time,
        WorkflowRuntime runtime, CancellationToken ct)
    {
        var config = options.Value.Inbound.FirstOrDefault(s => string.Equals(s.Key, source, StringComparison.OrdinalIgnoreCase)).Value;
        if (config is null || string.IsNullOrWhiteSpace(config.Secret))
            return Problems.NotFound($"no webhook source '{source}'; configure Webhooks:Inbound:{source}:Secret to accept its events");
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, ct);
        var body = buffer.ToArray();
        var secrets = new[] { config.Secret, config.PreviousSecret ?? "" };
        var check = WebhookSignature.Verify(request.Headers[config.SignatureHeader].ToString(), body, secrets, time.GetUtcNow(), config.Tolerance);
        if (check != SignatureCheck.Valid) return Unauthorized(check, config);

        JsonNode? document;
        try
        {
            document = JsonNode.Parse(body);
        }
        catch (JsonException e)
        {
            return Problems.BadRequest("Malformed JSON", e.Message.Split(" Path:")[0]);
        }
        if (document is null) return Problems.BadRequest("The request body is empty", "send the event as JSON");
        return await EventsApi.AcceptAsync(config.Map.ToEvent(document), runtime, ct);
    }

    private static IResult Unauthorized(SignatureCheck check, InboundWebhookSource config) => Results.Problem(statusCode: 401, title: "Webhook signature not accepted",
        detail: check switch
        {
            SignatureCheck.Missing => $"send the {config.SignatureHeader} header: t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.\" + the raw body>",
            SignatureCheck.Malformed => $"the {config.SignatureHeader} header must read t=<unix seconds>,v1=<64 hex digits>",
            SignatureCheck.Stale => $"the signature's timestamp is more than {config.Tolerance.TotalMinutes:0.#} minutes from now: sign each delivery as it is sent",
            _ => "the signature does not match the body: sign \"<t>.\" + the raw body, byte for byte, with this source's secret",
        });

    /// <summary>The key outgoing webhooks are signed with, where it comes from, and how a receiver checks a signature.</summary>
    public sealed record SigningKeyView(string Key, string Source, string Header, string Format, int KeysInUse);

    private static Ok<SigningKeyView> SigningKey(WebhookSigningKeys keys) => TypedResults.Ok(new SigningKeyView(keys.Current,
        keys.Configured ? "configured (Webhooks:Secret)" : "generated once, shared by all nodes", WebhookSignature.Header,
        "t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.\" + body> (one v1 per key while a key is rotated out)", keys.All.Count));
}
