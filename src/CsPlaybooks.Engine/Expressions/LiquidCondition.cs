namespace CsPlaybooks.Engine.Expressions;

/// <summary>
/// A condition in Liquid's <c>if</c> syntax, e.g. <c>account.tier == "KA" and health.score &lt; 50</c>.
/// Evaluated as <c>{% if condition %}</c>, so it has exactly Liquid's truthiness.
/// </summary>
public sealed class LiquidCondition
{
    private readonly LiquidTemplate _template;

    private LiquidCondition(LiquidTemplate template, string source)
    {
        _template = template;
        Source = source;
    }

    public string Source { get; }

    public static bool TryParse(string text, out LiquidCondition? condition, out string error)
    {
        condition = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "the condition is empty; write e.g. account.tier == \"KA\"";
            return false;
        }
        if (text.Contains("%}") || text.Contains("{%"))
        {
            error = "write the condition without {% %}, e.g. account.tier == \"KA\"";
            return false;
        }
        if (!LiquidTemplate.TryParse($"{{% if {text} %}}1{{% else %}}0{{% endif %}}", out var template, out error)) return false;
        condition = new LiquidCondition(template!, text);
        return true;
    }

    public bool Evaluate(TemplateModel model) => _template.Render(model) == "1";
}
