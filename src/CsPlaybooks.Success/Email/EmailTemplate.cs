using CsPlaybooks.Engine.Expressions;

namespace CsPlaybooks.Success.Email;

/// <summary>
/// A parsed email template: a subject and at least one of an HTML and a text part, each Liquid.
/// Files in <c>workflows/templates/</c>: <c>NAME.subject.liquid</c>, <c>NAME.html.liquid</c>, <c>NAME.text.liquid</c>.
/// </summary>
public sealed record EmailTemplate(string Name, LiquidTemplate Subject, LiquidTemplate? Html, LiquidTemplate? Text);

/// <summary>Finds and parses email templates by name; used at publish, so a missing template or a syntax error is a validation error.</summary>
public interface IEmailTemplateLibrary
{
    /// <summary>The parsed template, or null and a readable <paramref name="error"/> (missing file, syntax error with its position).</summary>
    EmailTemplate? Load(string name, out string error);
}

/// <summary>The library used when none is configured: every lookup fails with a clear message.</summary>
public sealed class NoEmailTemplates : IEmailTemplateLibrary
{
    public static readonly NoEmailTemplates Instance = new();

    public EmailTemplate? Load(string name, out string error)
    {
        error = $"no email template library is configured, so template '{name}' cannot be found";
        return null;
    }
}
