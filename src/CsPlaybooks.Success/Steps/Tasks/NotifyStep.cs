using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Tasks;

public sealed record NotifySettings(string To, LiquidTemplate Message);

/// <summary>An internal message to the account's CSM, the CS lead or sales: an informational (optional, due now) item in their inbox.</summary>
public sealed class NotifyStep : StepType<NotifySettings>
{
    public const string OutboxKind = "notify";
    private static readonly string[] Recipients = ["csm", "cs-lead", "sales"];

    public override string Type => "notify";
    public override StepCategory Category => StepCategory.Tasks;
    public override string Description => "Send an internal message to the CSM, the CS lead or sales (shown in their inbox).";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["to"] = new JsonObject { ["enum"] = new JsonArray(Recipients.Select(r => (JsonNode)r).ToArray()) },
        ["message"] = String("Liquid template"),
    }, "to", "message");

    protected override NotifySettings Read(SettingsReader reader)
    {
        var to = reader.RequiredString("to", "\"csm\"");
        if (to.Length > 0 && !Recipients.Contains(to)) reader.Error("to", $"'to' must be one of {string.Join(", ", Recipients)}");
        return new NotifySettings(to, reader.Template("message", required: true)!);
    }

    protected override StepResult Execute(StepContext context, NotifySettings settings)
    {
        var message = settings.Message.Render(context.Model).Trim();
        context.Emit(OutboxKind, new JsonObject
        {
            ["to"] = settings.To, ["message"] = message, ["accountId"] = context.Instance.AccountId,
            ["instanceId"] = context.Instance.InstanceId.ToString(), ["stepId"] = context.Step.Id,
        });
        return StepResult.Done($"notify {settings.To}: {message}");
    }
}
