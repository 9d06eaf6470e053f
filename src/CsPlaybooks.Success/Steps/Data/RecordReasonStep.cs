using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Success.Accounts;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Data;

public sealed record RecordReasonSettings(string Kind, LiquidExpression Cause, LiquidTemplate? Note);

/// <summary>
/// Records why an account renewed, did not renew, or churned (DOMAIN.md §6–7). Churn causes are the eight of §7;
/// the reason lands in the account (<c>reasons.KIND</c>) and its history, which the reports read.
/// </summary>
public sealed class RecordReasonStep : StepType<RecordReasonSettings>
{
    public override string Type => "recordReason";
    public override StepCategory Category => StepCategory.Data;
    public override string Description => "Record a renewal, non-renewal or churn reason (churn: one of the eight causes).";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["kind"] = new JsonObject { ["enum"] = new JsonArray(Lifecycle.ReasonKinds.Select(k => (JsonNode)k).ToArray()) },
        ["cause"] = String("Expression giving the cause, e.g. event.data.cause or \"'insufficient-service-value'\""),
        ["note"] = String("Optional note template"),
    }, "kind", "cause");

    protected override RecordReasonSettings Read(SettingsReader reader)
    {
        var kind = reader.RequiredString("kind", "\"churn\"");
        if (kind.Length > 0 && !Lifecycle.ReasonKinds.Contains(kind))
            reader.Error("kind", $"'kind' must be one of {string.Join(", ", Lifecycle.ReasonKinds)}");
        return new RecordReasonSettings(kind, reader.Expression("cause", required: true)!, reader.Template("note", required: false));
    }

    protected override StepResult Execute(StepContext context, RecordReasonSettings settings)
    {
        var cause = settings.Cause.Evaluate(context.Model);
        if (string.IsNullOrWhiteSpace(cause))
            return new StepResult.Fault($"the cause expression '{settings.Cause.Source}' gave nothing; record the cause (e.g. complete the task asking for it) and retry");
        if (settings.Kind == "churn" && !Lifecycle.ChurnCauses.ContainsKey(cause))
            return new StepResult.Fault($"\"{cause}\" is not one of the churn causes: {string.Join(", ", Lifecycle.ChurnCauses.Keys)}");
        var reason = new JsonObject
        {
            ["kind"] = settings.Kind, ["cause"] = cause, ["note"] = settings.Note?.Render(context.Model),
            ["at"] = context.Now, ["playbookStep"] = context.Step.Id,
        };
        context.ChangeAccount($"reasons.{settings.Kind}", reason, $"{settings.Kind} reason recorded by step '{context.Step.Id}'");
        return StepResult.Done($"{settings.Kind} reason: {cause}");
    }
}
