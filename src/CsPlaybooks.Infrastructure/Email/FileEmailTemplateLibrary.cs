using System.Text.RegularExpressions;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Success.Email;

namespace CsPlaybooks.Infrastructure.Email;

/// <summary>
/// Email templates as files: <c>NAME.subject.liquid</c> (required) with <c>NAME.html.liquid</c> and/or
/// <c>NAME.text.liquid</c>, in <c>Workflows:Templates</c> (default <c>&lt;Workflows:Directory&gt;/templates</c>).
/// Read and parsed each time a playbook is compiled (publish, validation, start-up).
/// </summary>
public sealed partial class FileEmailTemplateLibrary(string directory) : IEmailTemplateLibrary
{
    public string Directory { get; } = directory;

    public EmailTemplate? Load(string name, out string error)
    {
        if (!ValidName().IsMatch(name))
        {
            error = $"'{name}' is not a template name; use letters, digits, '-', '_' and '.', e.g. \"welcome\"";
            return null;
        }
        var subjectFile = Path.Combine(Directory, $"{name}.subject.liquid");
        var htmlFile = Path.Combine(Directory, $"{name}.html.liquid");
        var textFile = Path.Combine(Directory, $"{name}.text.liquid");
        if (!File.Exists(subjectFile) || !(File.Exists(htmlFile) || File.Exists(textFile)))
        {
            error = $"email template '{name}' not found: expected {name}.subject.liquid and {name}.html.liquid and/or {name}.text.liquid in {Path.GetFullPath(Directory)}";
            return null;
        }
        error = "";
        var subject = Parse(subjectFile, ref error);
        var html = File.Exists(htmlFile) ? Parse(htmlFile, ref error) : null;
        var text = File.Exists(textFile) ? Parse(textFile, ref error) : null;
        if (error.Length > 0) return null;
        return new EmailTemplate(name, subject!, html, text);
    }

    private static LiquidTemplate? Parse(string file, ref string error)
    {
        if (LiquidTemplate.TryParse(File.ReadAllText(file), out var template, out var message)) return template;
        if (error.Length == 0) error = $"{Path.GetFileName(file)}: template syntax error at {message}";
        return null;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,150}$")]
    private static partial Regex ValidName();
}
