using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Integration;

public sealed record WebhookSettings(Uri Url, string Event, LiquidTemplate? Payload);

/// <summary>
/// POSTs a JSON notification to another system after the burst commits: always signed with HMAC-SHA256 over a
/// timestamp and the body (<c>X-CsPlaybooks-Signature: t=…,v1=…</c>; see docs/webhooks.md), retried with back-off
/// (Retry-After honoured), at most once per step of an instance (<c>X-CsPlaybooks-Delivery</c> is the idempotency key).
/// Which addresses it may reach is the host's rule, checked at publish and at send.
/// </summary>
public sealed class WebhookStep : StepType<WebhookSettings>
{
    public const string OutboxKind = "webhook";

    public override string Type => "webhook";
    public override StepCategory Category => StepCategory.Data;
    public override string Description => "Send a signed JSON POST to another system (CRM, billing) with retries.";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["url"] = String("https:// or http:// address to POST to"),
        ["event"] = String("Name of the notification, e.g. renewal.at-risk"),
        ["payload"] = String("Optional Liquid template producing a JSON object; default: account id, playbook, step, variables"),
    }, "url", "event");

    protected override WebhookSettings Read(SettingsReader reader)
    {
        var url = reader.RequiredString("url", "\"https://crm.example.com/hooks/cs\"");
        Uri? uri = null;
        if (url.Length > 0 && (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("http" or "https")))
            reader.Error("url", $"\"{url}\" is not an http(s) address");
        return new WebhookSettings(uri ?? new Uri("http://invalid"), reader.RequiredString("event", "\"renewal.at-risk\""), reader.Template("payload", required: false));
    }

    protected override StepResult Execute(StepContext context, WebhookSettings settings)
    {
        JsonNode? data;
        if (settings.Payload is { } template)
        {
            var text = template.Render(context.Model);
            try
            {
                data = JsonNode.Parse(text);
            }
            catch (System.Text.Json.JsonException e)
            {
                return new StepResult.Fault($"the webhook payload template did not produce JSON: {e.Message}");
            }
        }
        else data = new JsonObject { ["variables"] = context.Variables.DeepClone() };
        context.Emit(OutboxKind, new JsonObject
        {
            ["url"] = settings.Url.ToString(),
            ["body"] = new JsonObject
            {
                ["event"] = settings.Event, ["accountId"] = context.Instance.AccountId, ["instanceId"] = context.Instance.InstanceId.ToString(),
                ["stepId"] = context.Step.Id, ["at"] = context.Now, ["data"] = data,
            },
        });
        return StepResult.Done($"webhook {settings.Event} to {settings.Url.Host}");
    }
}
