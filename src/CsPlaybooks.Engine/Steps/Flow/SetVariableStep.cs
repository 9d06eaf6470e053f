using System.Globalization;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Steps.Flow;

public sealed record SetVariableSettings(string Name, LiquidTemplate Value);

/// <summary>Sets an instance variable from a template; numbers stay numbers.</summary>
public sealed class SetVariableStep : StepType<SetVariableSettings>
{
    public override string Type => "setVariable";
    public override StepCategory Category => StepCategory.Flow;
    public override string Description => "Set an instance variable, e.g. a counter: {{ variables.attempts | plus: 1 }}.";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["variable"] = String("Variable name (\"name\" is every step's display name)"),
        ["value"] = String("Liquid template for the value"),
    }, "variable", "value");

    protected override SetVariableSettings Read(SettingsReader reader) =>
        new(reader.RequiredString("variable", "\"attempts\""), reader.Template("value", required: true)!);

    protected override StepResult Execute(StepContext context, SetVariableSettings settings)
    {
        var text = settings.Value.Render(context.Model).Trim();
        // Only plain numbers ("-3", "12.50"): NumberStyles.Number also allows thousands separators, turning "1,2,3" into 123.
        const NumberStyles plain = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;
        context.Variables[settings.Name] = decimal.TryParse(text, plain, CultureInfo.InvariantCulture, out var number)
            ? JsonValue.Create(number) : JsonValue.Create(text);
        return StepResult.Done($"{settings.Name} = {text}");
    }
}
