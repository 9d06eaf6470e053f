using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Success.Accounts;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Data;

public sealed record SetStageSettings(string Stage, string? Reason);

/// <summary>Moves the account to a lifecycle stage; the change is kept in the account's history with this step as author.</summary>
public sealed class SetStageStep : StepType<SetStageSettings>
{
    public override string Type => "setStage";
    public override StepCategory Category => StepCategory.Data;
    public override string Description => "Move the account to a lifecycle stage (signing, onboarding, growth, maturity, at-risk, renewal, churned).";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["stage"] = new JsonObject { ["enum"] = new JsonArray(Lifecycle.Stages.Select(s => (JsonNode)s).ToArray()) },
        ["reason"] = String("Why, for the account's history"),
    }, "stage");

    protected override SetStageSettings Read(SettingsReader reader)
    {
        var stage = reader.RequiredString("stage", "\"growth\"");
        if (stage.Length > 0 && !Lifecycle.Stages.Contains(stage))
            reader.Error("stage", $"\"{stage}\" is not a stage; use one of {string.Join(", ", Lifecycle.Stages)}");
        return new SetStageSettings(stage, reader.OptionalString("reason"));
    }

    protected override StepResult Execute(StepContext context, SetStageSettings settings)
    {
        var current = (string?)(context.Model.Get("account") as JsonObject)?["stage"];
        if (current == settings.Stage) return StepResult.Done($"stage already {settings.Stage}");
        context.ChangeAccount("stage", settings.Stage, settings.Reason ?? $"set by step '{context.Step.Id}'");
        return StepResult.Done($"stage {current ?? "(none)"} → {settings.Stage}");
    }
}
