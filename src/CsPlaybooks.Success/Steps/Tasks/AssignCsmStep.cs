using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Steps;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Tasks;

public sealed record AssignCsmSettings(bool KeepExisting);

/// <summary>
/// Asks for a CSM for this account after the burst commits: the least-loaded CSM whose touch model and skills fit,
/// never over capacity; when nobody fits, the CS lead gets a task saying why (see docs/tasks.md).
/// </summary>
public sealed class AssignCsmStep : StepType<AssignCsmSettings>
{
    public override string Type => "assignCsm";
    public override StepCategory Category => StepCategory.Tasks;
    public override string Description => "Assign the least-loaded fitting CSM to this account (a task for the CS lead if nobody fits).";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["keepExisting"] = new JsonObject { ["type"] = "boolean", ["description"] = "Keep a CSM the account already has (default true)" },
    });

    protected override AssignCsmSettings Read(SettingsReader reader)
    {
        if (reader.Raw("keepExisting") is not { } raw) return new(true);
        if (raw is JsonValue v && v.TryGetValue<bool>(out var keep)) return new(keep);
        reader.Error("keepExisting", "'keepExisting' must be true or false");
        return new(true);
    }

    protected override StepResult Execute(StepContext context, AssignCsmSettings settings)
    {
        context.Emit(TaskKinds.AssignCsmMessage, new JsonObject
        {
            ["accountId"] = context.Instance.AccountId,
            ["instanceId"] = context.Instance.InstanceId.ToString(),
            ["keepExisting"] = settings.KeepExisting,
        });
        return StepResult.Done($"asks for a CSM for {context.Instance.AccountId}");
    }
}
