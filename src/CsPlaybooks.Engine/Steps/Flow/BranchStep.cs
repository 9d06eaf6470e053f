using CsPlaybooks.Engine.Expressions;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Steps.Flow;

public sealed record BranchSettings(LiquidCondition Condition);

/// <summary>Leaves by <c>true</c> or <c>false</c> depending on a Liquid condition.</summary>
public sealed class BranchStep : StepType<BranchSettings>
{
    public override string Type => "branch";
    public override StepCategory Category => StepCategory.Flow;
    public override string Description => "Choose a path by a condition: outcomes true / false.";
    public override System.Text.Json.Nodes.JsonObject SettingsSchema =>
        Object(new() { ["condition"] = String("Liquid condition, e.g. account.tier == \"KA\"") }, "condition");

    protected override BranchSettings Read(SettingsReader reader) => new(reader.Condition("condition", required: true)!);

    public override OutcomeRule Outcomes { get; } = OutcomeRule.Of("true", "false");

    protected override StepResult Execute(StepContext context, BranchSettings settings)
    {
        var result = settings.Condition.Evaluate(context.Model) ? "true" : "false";
        return new StepResult.Next(result, $"{settings.Condition.Source} → {result}");
    }
}
