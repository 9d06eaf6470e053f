using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Success.Email;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Email;

/// <summary>Settings of <c>sendEmail</c>.</summary>
/// <param name="Template">Name of a template in <c>workflows/templates/</c>, parsed at publish.</param>
/// <param name="To">Contact roles that receive it (decision-maker, project-lead, key-user, user).</param>
/// <param name="Category">operational or digital-touch (default).</param>
/// <param name="From">null or "csm": the account's CSM (<c>account.csm</c>); otherwise a fixed address.</param>
public sealed record SendEmailSettings(string Template, IReadOnlyList<string> To, string Category, EmailAddress? From, EmailTemplate Parsed);

/// <summary>
/// Renders a template for every contact with one of the given roles and queues one email per recipient in the
/// burst's outbox (kind <c>email</c>, de-duplicated per instance, step, path arrival and recipient). Governance
/// (consent, quiet hours, frequency cap) is applied at delivery, so it sees the latest consent and send history.
/// </summary>
public sealed class SendEmailStep(IEmailTemplateLibrary templates) : StepType<SendEmailSettings>
{
    public override string Type => "sendEmail";
    public override StepCategory Category => StepCategory.Email;
    public override string Description => "Email contacts of the account by role, from a Liquid template, governed by consent, quiet hours and a frequency cap.";

    public override JsonObject SettingsSchema
    {
        get
        {
            var properties = new JsonObject { ["template"] = String("Template name: workflows/templates/NAME.subject.liquid + NAME.html.liquid and/or NAME.text.liquid", FieldLimits.EmailTemplateName) };
            foreach (var (name, schema) in AudienceSchema().ToList()) properties[name] = schema?.DeepClone();
            return Object(properties, "template", "to");
        }
    }

    protected override SendEmailSettings Read(SettingsReader reader)
    {
        var name = reader.RequiredString("template", "\"welcome\"", FieldLimits.EmailTemplateName);
        var (to, category, from) = ReadAudience(reader);
        EmailTemplate? parsed = null;
        if (name.Length > 0)
        {
            parsed = templates.Load(name, out var error);
            if (parsed is null) reader.Error("template", error);
        }
        return new SendEmailSettings(name, to, category, from, parsed!);
    }

    /// <summary>The settings every customer email step shares: <c>to</c> (contact roles), <c>category</c> and <c>from</c>.</summary>
    internal static (IReadOnlyList<string> To, string Category, EmailAddress? From) ReadAudience(SettingsReader reader)
    {
        var to = reader.StringList("to", required: true);
        if (reader.Raw("to") is not null && to.Count == 0 && !reader.HasErrors) reader.Error("to", "'to' needs at least one contact role, e.g. [\"decision-maker\"]");
        foreach (var role in to.Where(r => !ContactRoles.All.Contains(r)))
            reader.Error("to", $"unknown contact role \"{role}\"; use {string.Join(", ", ContactRoles.All)}");
        var category = reader.OptionalString("category") ?? EmailCategories.DigitalTouch;
        if (!EmailCategories.All.Contains(category)) reader.Error("category", $"'category' must be {string.Join(" or ", EmailCategories.All)}, not \"{category}\"");
        return (to, category, ReadFrom(reader));
    }

    /// <summary>Schema of <see cref="ReadAudience"/>'s fields.</summary>
    internal static JsonObject AudienceSchema() => new()
    {
        ["to"] = StringList("Contact roles: decision-maker, project-lead, key-user, user"),
        ["category"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(EmailCategories.All.Select(c => (JsonNode)c).ToArray()), ["default"] = EmailCategories.DigitalTouch },
        ["from"] = String("\"csm\" (default: the account's CSM) or an address such as \"Success Team <success@example.com>\""),
    };

    private static EmailAddress? ReadFrom(SettingsReader reader)
    {
        var from = reader.OptionalString("from");
        if (from is null || from == "csm") return null;
        if (TryParseAddress(from, out var address))
        {
            if (address!.Address.Length > FieldLimits.EmailAddress || address.Name?.Length > FieldLimits.DisplayName)
                reader.Error("from", $"'from' may hold an address of at most {FieldLimits.EmailAddress} characters and a name of at most {FieldLimits.DisplayName}");
            return address;
        }
        reader.Error("from", $"'from' must be \"csm\" or an email address such as \"Success Team <success@example.com>\", not \"{from}\"");
        return null;
    }

    /// <summary>Reads <c>a@b.c</c> or <c>Name &lt;a@b.c&gt;</c>.</summary>
    internal static bool TryParseAddress(string text, out EmailAddress? address)
    {
        address = null;
        text = text.Trim();
        string? name = null;
        var lt = text.LastIndexOf('<');
        if (lt >= 0 && text.EndsWith('>'))
        {
            name = text[..lt].Trim().Trim('"');
            text = text[(lt + 1)..^1].Trim();
        }
        var at = text.IndexOf('@');
        if (at <= 0 || at == text.Length - 1 || text.Contains(' ') || text.IndexOf('@', at + 1) >= 0) return false;
        address = new EmailAddress(text, string.IsNullOrEmpty(name) ? null : name);
        return true;
    }

    protected override StepResult Execute(StepContext context, SendEmailSettings settings)
    {
        var model = context.Model;
        var account = model.Get("account") as JsonObject;
        var from = settings.From ?? CsmAddress(account);
        var recipients = Recipients(model.Get("contacts") as JsonArray ?? account?["contacts"] as JsonArray, settings.To);
        if (recipients.Count == 0)
            return StepResult.Done($"email '{settings.Template}': no contact with role {string.Join("/", settings.To)} has an email address; nothing sent");

        var previousLink = model.Get("unsubscribe_url");
        model.Set("unsubscribe_url", EmailMessage.UnsubscribeUrlPlaceholder);
        var sent = new List<string>();
        var fault = PerRecipient(model, recipients, $"email template '{settings.Template}'", contact =>
        {
            var address = (string)contact["email"]!;
            var message = new EmailMessage(
                context.Instance.AccountId, (string?)contact["id"], new EmailAddress(address, (string?)contact["name"]), from,
                settings.Category, settings.Template,
                OneLine(settings.Parsed.Subject.Render(model)), settings.Parsed.Html?.Render(model), settings.Parsed.Text?.Render(model));
            context.Emit(EmailMessage.Kind, message.ToJson(), (string?)contact["id"] ?? address.ToLowerInvariant());
            sent.Add($"{address} ({contact["role"]})");
        });
        model.Set("unsubscribe_url", previousLink);
        if (fault is not null) return fault;
        var sender = from is null ? "the default sender" : from.ToString();
        return StepResult.Done($"email '{settings.Template}' ({settings.Category}) from {sender} to {string.Join(", ", sent)}");
    }

    /// <summary>
    /// Runs <paramref name="render"/> once per contact with <c>recipient</c> set to it in the model (restored afterwards);
    /// a template failing at run time faults the step, naming <paramref name="what"/>.
    /// </summary>
    internal static StepResult.Fault? PerRecipient(TemplateModel model, IEnumerable<JsonObject> contacts, string what, Action<JsonObject> render)
    {
        var previous = model.Get("recipient");
        try
        {
            foreach (var contact in contacts)
            {
                model.Set("recipient", contact.DeepClone());
                render(contact);
            }
            return null;
        }
        catch (Exception e) when (e is Scriban.Syntax.ScriptRuntimeException or InvalidOperationException)
        {
            return new StepResult.Fault($"{what} failed to render: {e.Message}");
        }
        finally
        {
            model.Set("recipient", previous);
        }
    }

    internal static EmailAddress? CsmAddress(JsonObject? account) =>
        account?["csm"] is JsonObject csm && csm["email"] is JsonValue email && email.GetValueKind() == JsonValueKind.String && ((string?)email)?.Contains('@') == true
            ? new EmailAddress((string)email!, (string?)csm["name"])
            : null;

    /// <summary>Contacts with one of the roles and an email address, each address once, in the account's order.</summary>
    internal static List<JsonObject> Recipients(JsonArray? contacts, IReadOnlyList<string> roles)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var result = new List<JsonObject>();
        foreach (var contact in contacts?.OfType<JsonObject>() ?? [])
        {
            if (contact["role"] is not JsonValue role || role.GetValueKind() != JsonValueKind.String || !roles.Contains((string)role!)) continue;
            if (contact["email"] is not JsonValue email || email.GetValueKind() != JsonValueKind.String) continue;
            var address = ((string)email!).Trim();
            if (address.Contains('@') && seen.Add(address)) result.Add(contact);
        }
        return result;
    }

    internal static string OneLine(string subject) => string.Join(' ', subject.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries).Select(s => s.Trim())).Trim();
}
