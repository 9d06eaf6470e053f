using System.Globalization;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Data;

public sealed record SetFieldSettings(string Field, LiquidTemplate Value);

/// <summary>Sets a field of the account document (dot path) from a template; numbers and true/false keep their type.</summary>
public sealed class SetFieldStep : StepType<SetFieldSettings>
{
    private static readonly string[] Protected = ["id", "stage", "csmId", "contacts", "contract"];

    public override string Type => "setField";
    public override StepCategory Category => StepCategory.Data;
    public override string Description => "Set a field of the account, e.g. onboarding.kickoffDone = true.";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["field"] = String("Dot path in the account, e.g. onboarding.kickoffDone", FieldLimits.AccountField),
        ["value"] = String("Liquid template for the value"),
    }, "field", "value");

    protected override SetFieldSettings Read(SettingsReader reader)
    {
        var field = reader.RequiredString("field", "\"onboarding.kickoffDone\"", FieldLimits.AccountField);
        if (field.Length > 0 && (field.Split('.').Any(p => p.Length == 0) || Protected.Contains(field.Split('.')[0])))
            reader.Error("field", $"'{field}' cannot be set here: use a dot path outside {string.Join(", ", Protected)} (stage has setStage; CSM and contracts have their own APIs)");
        return new SetFieldSettings(field, reader.Template("value", required: true)!);
    }

    protected override StepResult Execute(StepContext context, SetFieldSettings settings)
    {
        var text = settings.Value.Render(context.Model).Trim();
        JsonNode value = text switch
        {
            "true" => JsonValue.Create(true),
            "false" => JsonValue.Create(false),
            _ when IsPlainNumber(text, out var number) => JsonValue.Create(number),
            _ => JsonValue.Create(text),
        };
        context.ChangeAccount(settings.Field, value, $"set by step '{context.Step.Id}'");
        return StepResult.Done($"{settings.Field} = {text}");
    }

    /// <summary>"12", "-3.5", "0" are numbers; "007" (an id, a postcode) stays text.</summary>
    private static bool IsPlainNumber(string text, out decimal number) =>
        decimal.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out number)
        && (text == "0" || !text.TrimStart('-').StartsWith('0') || text.TrimStart('-').StartsWith("0."));
}
