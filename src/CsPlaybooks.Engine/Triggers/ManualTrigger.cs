using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Steps;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Triggers;

public sealed record ManualTriggerSettings;

/// <summary>Instances start only through the API (POST /api/playbooks/{id}/enrolments) or a startPlaybook step.</summary>
public sealed class ManualTrigger : TriggerType
{
    public override string Type => "manual";
    public override string Description => "Start only when enrolled explicitly (API or another playbook's startPlaybook step).";
    public override JsonObject SettingsSchema => Object([]);
    public override object? Compile(SettingsReader reader, TriggerCompileOptions options) => new ManualTriggerSettings();
}
