using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Time;
using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Engine.Steps;

/// <summary>Reads one step's settings, collecting readable errors that name the step and field.</summary>
public sealed class SettingsReader(string stepId, JsonObject settings, List<DefinitionError> errors)
{
    private readonly int _errorsBefore = errors.Count;

    public string StepId => stepId;
    public bool HasErrors => errors.Count > _errorsBefore;

    public void Error(string field, string message) => errors.Add(new DefinitionError(stepId, field, message));

    /// <summary>A string setting; <paramref name="maxLength"/> is the column it ends up in (see <see cref="FieldLimits"/>).</summary>
    public string? OptionalString(string field, int maxLength = int.MaxValue)
    {
        var node = settings[field];
        if (node is null) return null;
        if (node is JsonValue v && v.GetValueKind() == JsonValueKind.String)
        {
            var text = v.GetValue<string>();
            if (JsonFields.TextProblem(field, text, maxLength) is not { } problem) return text;
            Error(field, problem);
            return null;
        }
        Error(field, $"'{field}' must be a string");
        return null;
    }

    public string RequiredString(string field, string example, int maxLength = int.MaxValue)
    {
        var value = OptionalString(field, maxLength);
        if (string.IsNullOrWhiteSpace(value) && !HasError(field)) Error(field, $"'{field}' is required, e.g. {example}");
        return value ?? "";
    }

    public CalendarPeriod? Period(string field, bool required)
    {
        var text = OptionalString(field);
        if (text is null)
        {
            if (required && !HasError(field)) Error(field, $"'{field}' is required: an ISO-8601 duration such as \"P7D\" or \"P1M\"");
            return null;
        }
        if (CalendarPeriod.TryParse(text, out var period, out var message)) return period;
        Error(field, message);
        return null;
    }

    public LiquidTemplate? Template(string field, bool required, int maxLength = int.MaxValue)
    {
        var text = required ? RequiredString(field, "\"Hello {{ account.name }}\"", maxLength) : OptionalString(field, maxLength);
        if (string.IsNullOrEmpty(text)) return null;
        if (LiquidTemplate.TryParse(text, out var template, out var message)) return template;
        Error(field, $"template syntax error at {message}");
        return null;
    }

    public LiquidCondition? Condition(string field, bool required)
    {
        var text = required ? RequiredString(field, "\"account.tier == 'KA'\"") : OptionalString(field);
        if (string.IsNullOrEmpty(text)) return null;
        if (LiquidCondition.TryParse(text, out var condition, out var message)) return condition;
        Error(field, $"condition syntax error: {message}");
        return null;
    }

    public LiquidExpression? Expression(string field, bool required)
    {
        var text = required ? RequiredString(field, "\"account.tier\"") : OptionalString(field);
        if (string.IsNullOrEmpty(text)) return null;
        if (LiquidExpression.TryParse(text, out var expression, out var message)) return expression;
        Error(field, $"expression syntax error: {message}");
        return null;
    }

    public IReadOnlyList<string> StringList(string field, bool required)
    {
        var node = settings[field];
        if (node is null)
        {
            if (required) Error(field, $"'{field}' is required: a list of strings");
            return [];
        }
        if (node is JsonArray a && a.All(i => i is JsonValue v && v.GetValueKind() == JsonValueKind.String))
            return a.Select(i => i!.GetValue<string>()).ToList();
        Error(field, $"'{field}' must be a list of strings");
        return [];
    }

    public JsonNode? Raw(string field) => settings[field];

    private bool HasError(string field) => errors.Skip(_errorsBefore).Any(e => e.Field == field);
}
