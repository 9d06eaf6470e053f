using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Triggers;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Triggers;

public sealed record SegmentTriggerSettings(LiquidCondition When) : ISweptTrigger
{
    public bool EnrolsOnEntryOnly => true;

    /// <summary>"segment:{today}" while the condition holds (enrols only on the sweep that sees the account enter).</summary>
    public string? Occurrence(SweepFacts facts) => When.Evaluate(facts.Model) ? $"segment:{facts.Today:yyyyMMdd}" : null;
}

/// <summary>
/// A condition over the account checked on every sweep (daily by default): an account enters when the condition
/// becomes true for it (it was false, or never checked), e.g. "expires in 6 months but uses one of three modules".
/// </summary>
public sealed class SegmentTrigger : TriggerType
{
    public override string Type => "segment";
    public override string Description => "Enter accounts when a condition becomes true (checked daily), e.g. health.band == \"red\".";
    public override JsonObject SettingsSchema => Object(new() { ["when"] = String("Liquid condition on the account") }, "when");

    public override object? Compile(SettingsReader reader, TriggerCompileOptions options)
    {
        var when = reader.Condition("when", required: true);
        return reader.HasErrors ? null : new SegmentTriggerSettings(when!);
    }
}
