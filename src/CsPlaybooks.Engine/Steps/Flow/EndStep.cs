using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Steps.Flow;

public sealed record EndSettings(string? Reason);

/// <summary>Ends the instance: every other running or waiting path is cancelled.</summary>
public sealed class EndStep : StepType<EndSettings>
{
    public override string Type => "end";
    public override StepCategory Category => StepCategory.Flow;
    public override string Description => "End the playbook for this account (cancels any parallel paths).";
    public override System.Text.Json.Nodes.JsonObject SettingsSchema => Object(new() { ["reason"] = String("Optional note for the journal") });

    protected override EndSettings Read(SettingsReader reader) => new(reader.OptionalString("reason"));

    public override OutcomeRule Outcomes { get; } = OutcomeRule.Of();

    protected override StepResult Execute(StepContext context, EndSettings settings) =>
        new StepResult.EndInstance(settings.Reason ?? "playbook ended");
}
