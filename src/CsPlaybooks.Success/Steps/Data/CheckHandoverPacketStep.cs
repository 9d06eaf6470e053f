using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Success.Accounts;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Data;

public sealed record CheckHandoverPacketSettings;

/// <summary>
/// Checks the handover packet (new-customer items, plus the old-customer items when <c>isNew</c> is false) and leaves
/// by <c>complete</c> or <c>incomplete</c>; <c>variables.handoverMissing</c> lists what is missing, for a task to sales.
/// </summary>
public sealed class CheckHandoverPacketStep : StepType<CheckHandoverPacketSettings>
{
    public override string Type => "checkHandoverPacket";
    public override StepCategory Category => StepCategory.Data;
    public override string Description => "Check the sales → CS handover packet: outcomes complete / incomplete; variables.handoverMissing lists the gaps.";
    public override JsonObject SettingsSchema => Object([]);

    protected override CheckHandoverPacketSettings Read(SettingsReader reader) => new();

    public override OutcomeRule Outcomes { get; } = OutcomeRule.Of("complete", "incomplete");

    protected override StepResult Execute(StepContext context, CheckHandoverPacketSettings settings)
    {
        var missing = HandoverPacket.Missing(context.Model.Get("account") as JsonObject ?? []);
        context.Variables["handoverMissing"] = new JsonArray(missing.Select(m => (JsonNode)m.Label).ToArray());
        return missing.Count == 0
            ? new StepResult.Next("complete", "handover packet complete")
            : new StepResult.Next("incomplete", $"handover packet lacks {missing.Count} item(s): {string.Join("; ", missing.Select(m => m.Key))}");
    }
}
