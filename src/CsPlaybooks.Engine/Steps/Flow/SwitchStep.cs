using CsPlaybooks.Engine.Expressions;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Steps.Flow;

public sealed record SwitchSettings(LiquidExpression Value, IReadOnlyList<string> Cases);

/// <summary>Leaves by the case equal to the value, or <c>default</c>.</summary>
public sealed class SwitchStep : StepType<SwitchSettings>
{
    public const string Default = "default";

    public override string Type => "switch";
    public override StepCategory Category => StepCategory.Flow;
    public override string Description => "Choose a path by value: one outcome per case, plus default.";
    public override System.Text.Json.Nodes.JsonObject SettingsSchema => Object(new()
    {
        ["value"] = String("Liquid expression, e.g. account.tier"),
        ["cases"] = StringList("The values that get their own outcome"),
    }, "value", "cases");

    protected override SwitchSettings Read(SettingsReader reader)
    {
        var value = reader.Expression("value", required: true);
        var cases = reader.StringList("cases", required: true);
        if (cases.Count == 0 && !reader.HasErrors) reader.Error("cases", "'cases' needs at least one value");
        foreach (var dup in cases.GroupBy(c => c).Where(g => g.Count() > 1)) reader.Error("cases", $"case \"{dup.Key}\" is listed twice");
        if (cases.Contains(Default)) reader.Error("cases", "\"default\" is always an outcome; do not list it as a case");
        return new SwitchSettings(value!, cases);
    }

    public override OutcomeRule Outcomes { get; } = new([Default], PerItemOf: "cases");

    protected override StepResult Execute(StepContext context, SwitchSettings settings)
    {
        var value = settings.Value.Evaluate(context.Model);
        var outcome = settings.Cases.FirstOrDefault(c => string.Equals(c, value, StringComparison.Ordinal)) ?? Default;
        return new StepResult.Next(outcome, $"{settings.Value.Source} = \"{value}\" → {outcome}");
    }
}
