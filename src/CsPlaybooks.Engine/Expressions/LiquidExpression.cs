namespace CsPlaybooks.Engine.Expressions;

/// <summary>A Liquid output expression such as <c>account.tier</c> or <c>contract.end | add_period: "-P4M"</c>; <c>{{ }}</c> are optional.</summary>
public sealed class LiquidExpression
{
    private readonly LiquidTemplate _template;

    private LiquidExpression(LiquidTemplate template, string source)
    {
        _template = template;
        Source = source;
    }

    public string Source { get; }

    public static bool TryParse(string text, out LiquidExpression? expression, out string error)
    {
        expression = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the expression is empty; write e.g. account.tier";
            return false;
        }
        var source = text.Contains("{{") ? text : $"{{{{ {text} }}}}";
        if (!LiquidTemplate.TryParse(source, out var template, out error)) return false;
        expression = new LiquidExpression(template!, text);
        return true;
    }

    public string Evaluate(TemplateModel model) => _template.Render(model).Trim();
}
