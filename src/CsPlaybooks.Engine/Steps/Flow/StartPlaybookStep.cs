using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Steps.Flow;

public sealed record StartPlaybookSettings(string Playbook);

/// <summary>Enrols the same account in another playbook (its latest published version), after this burst commits.</summary>
public sealed class StartPlaybookStep : StepType<StartPlaybookSettings>
{
    public override string Type => "startPlaybook";
    public override StepCategory Category => StepCategory.Flow;
    public override string Description => "Start another playbook for this account.";
    public override JsonObject SettingsSchema => Object(new() { ["playbook"] = String("Id of the playbook to start", FieldLimits.Id) }, "playbook");

    protected override StartPlaybookSettings Read(SettingsReader reader) => new(reader.RequiredString("playbook", "\"novice-start\"", FieldLimits.Id));

    protected override StepResult Execute(StepContext context, StartPlaybookSettings settings)
    {
        context.Emit(OutboxKinds.StartPlaybook, new JsonObject
        {
            ["playbookId"] = settings.Playbook,
            ["accountId"] = context.Instance.AccountId,
            ["parentInstanceId"] = context.Instance.InstanceId.ToString(),
        });
        return StepResult.Done($"starts playbook {settings.Playbook}");
    }
}
