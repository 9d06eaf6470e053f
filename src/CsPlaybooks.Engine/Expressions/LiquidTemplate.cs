using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

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

    /// <summary>
    /// Liquid's built-in filters, built once per thread: building them (reflection over every filter) cost more than
    /// rendering most of our templates. Per thread, because a render may touch their state (e.g. date.format).
    /// </summary>
    private static readonly ThreadLocal<Scriban.Functions.LiquidBuiltinsFunctions> Builtins = new(() => new Scriban.Functions.LiquidBuiltinsFunctions());

    public string Render(TemplateModel model)
    {
        var context = new LiquidContext(Builtins.Value!) { LoopLimit = 10_000, RecursiveLimit = 50, EnableRelaxedMemberAccess = true };
        context.PushGlobal(TemplateFunctions.Globals);
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

    /// <summary>What Scriban's LiquidTemplateContext sets up, over given builtins instead of new ones.</summary>
    private sealed class LiquidContext : TemplateContext
    {
        public LiquidContext(ScriptObject builtins) : base(builtins)
        {
            Language = ScriptLang.Liquid;
            IsLiquid = true;
            EnableBreakAndContinueAsReturnOutsideLoop = true;
            EnableRelaxedTargetAccess = true;
        }
    }
}
