namespace CsPlaybooks.Infrastructure.Notifications;

/// <summary>Configuration section <c>Notifications</c>: where <c>notify</c> steps with the slack / teams channels post (see docs/notifications.md).</summary>
public sealed class ChatOptions
{
    public SlackOptions Slack { get; set; } = new();
    public TeamsOptions Teams { get; set; } = new();
    /// <summary>Per request. Default 30 s.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);
}

public sealed class SlackOptions
{
    /// <summary>A bot token (<c>xoxb-…</c>) with <c>chat:write</c> (and <c>users:read.email</c> to reach a CSM directly).</summary>
    public string? BotToken { get; set; }
    /// <summary>Per recipient (<c>csm</c>, <c>cs-lead</c>, <c>sales</c>): a channel id or name, used when the step names none and the recipient has no Slack user.</summary>
    public Dictionary<string, string> Channels { get; set; } = [];
    /// <summary>The last resort channel.</summary>
    public string? DefaultChannel { get; set; }
    /// <summary>Slack's Web API; changed only in tests.</summary>
    public Uri ApiBaseUrl { get; set; } = new("https://slack.com/api/");
}

public sealed class TeamsOptions
{
    /// <summary>A Teams Workflows webhook URL ("Post to a channel when a webhook request is received").</summary>
    public string? WebhookUrl { get; set; }
    /// <summary>Per recipient (<c>csm</c>, <c>cs-lead</c>, <c>sales</c>): a webhook URL of its own (another channel).</summary>
    public Dictionary<string, string> Webhooks { get; set; } = [];
}
