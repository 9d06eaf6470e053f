using Scriban;
using Scriban.Parsing;

namespace CsPlaybooks.Engine.Expressions;

/// <summary>A Liquid text template (Scriban's Liquid parser), parsed once at publish.</summary>
public sealed class LiquidTemplate
{
    private readonly Template _template;

    private LiquidTemplate(Template template, string source)
    {
        _template = template;
        Source = source;
    }

    public string Source { get; }

    public static bool TryParse(string text, out LiquidTemplate? template, out string error)
    {
        var parsed = Template.ParseLiquid(text);
        if (parsed.HasErrors)
        {
            template = null;
            error = Describe(parsed.Messages);
            return false;
        }
        template = new LiquidTemplate(parsed, text);
        error = "";
        return true;
    }

    public string Render(TemplateModel model)
    {
        var context = new Scriban.LiquidTemplateContext { LoopLimit = 10_000, RecursiveLimit = 50, EnableRelaxedMemberAccess = true };
        context.PushGlobal(model.ToScriptObject());
        return _template.Render(context);
    }

    internal static string Describe(LogMessageBag messages)
    {
        var first = messages.FirstOrDefault(m => m.Type == ParserMessageType.Error) ?? messages.First();
        var start = first.Span.Start;
        // Errors at the end of the text (e.g. an unclosed {{) carry no position (line -1).
        var where = start.Line < 0 ? "the end of the text" : $"line {start.Line + 1}, column {start.Column + 1}";
        return $"{where}: {first.Message}";
    }
}
