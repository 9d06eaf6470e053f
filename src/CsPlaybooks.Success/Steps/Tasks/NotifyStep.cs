using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Tasks;

/// <param name="Channels">Where the message goes: <c>inbox</c> (default), <c>slack</c>, <c>teams</c>.</param>
/// <param name="SlackChannel">A Slack channel id or name; without it, the recipient's own Slack user (found by e-mail) or the configured default channel.</param>
public sealed record NotifySettings(string To, LiquidTemplate Message, IReadOnlyList<string> Channels, string? SlackChannel);

/// <summary>
/// An internal message to the account's CSM, the CS lead or sales: an informational (optional, due now) item in their
/// inbox, and/or a Slack or Microsoft Teams message with a link back to the account (one outbox message per channel).
/// </summary>
public sealed class NotifyStep : StepType<NotifySettings>
{
    public const string OutboxKind = "notify";
    public const string SlackOutboxKind = "notify.slack";
    public const string TeamsOutboxKind = "notify.teams";
    private static readonly string[] Recipients = ["csm", "cs-lead", "sales"];
    private static readonly Dictionary<string, string> KindOfChannel = new() { ["inbox"] = OutboxKind, ["slack"] = SlackOutboxKind, ["teams"] = TeamsOutboxKind };

    public override string Type => "notify";
    public override StepCategory Category => StepCategory.Tasks;
    public override string Description => "Send an internal message to the CSM, the CS lead or sales: in their inbox, in Slack or in Microsoft Teams.";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["to"] = new JsonObject { ["enum"] = new JsonArray(Recipients.Select(r => (JsonNode)r).ToArray()) },
        ["message"] = String("Liquid template"),
        ["channels"] = new JsonObject
        {
            ["type"] = "array", ["description"] = "inbox (default), slack, teams",
            ["items"] = new JsonObject { ["enum"] = new JsonArray(KindOfChannel.Keys.Select(k => (JsonNode)k).ToArray()) },
        },
        ["slackChannel"] = String("Slack channel id or name (default: the recipient's Slack user, else the configured channel)", 80),
    }, "to", "message");

    protected override NotifySettings Read(SettingsReader reader)
    {
        var to = reader.RequiredString("to", "\"csm\"");
        if (to.Length > 0 && !Recipients.Contains(to)) reader.Error("to", $"'to' must be one of {string.Join(", ", Recipients)}");
        var channels = reader.Raw("channels") is null ? ["inbox"] : reader.StringList("channels", required: true);
        if (reader.Raw("channels") is not null && channels.Count == 0 && !reader.HasErrors) reader.Error("channels", "'channels' needs at least one of inbox, slack, teams");
        foreach (var channel in channels.Where(c => !KindOfChannel.ContainsKey(c)))
            reader.Error("channels", $"unknown channel \"{channel}\"; use {string.Join(", ", KindOfChannel.Keys)}");
        return new NotifySettings(to, reader.Template("message", required: true)!, channels.Distinct().ToList(), reader.OptionalString("slackChannel", 80));
    }

    protected override StepResult Execute(StepContext context, NotifySettings settings)
    {
        var message = settings.Message.Render(context.Model).Trim();
        var csmEmail = settings.To == "csm" ? (string?)context.Model.Get("account")?["csm"]?["email"] : null;
        foreach (var channel in settings.Channels)
        {
            var payload = new JsonObject
            {
                ["to"] = settings.To, ["message"] = message, ["accountId"] = context.Instance.AccountId,
                ["instanceId"] = context.Instance.InstanceId.ToString(), ["stepId"] = context.Step.Id,
            };
            if (channel != "inbox" && csmEmail is not null) payload["recipientEmail"] = csmEmail;
            if (channel == "slack" && settings.SlackChannel is not null) payload["slackChannel"] = settings.SlackChannel;
            context.Emit(KindOfChannel[channel], payload);
        }
        var where = settings.Channels is ["inbox"] ? "" : $" ({string.Join(", ", settings.Channels)})";
        return StepResult.Done($"notify {settings.To}{where}: {message}");
    }
}
