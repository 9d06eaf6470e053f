using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Success.Email;
using CsPlaybooks.Success.Steps.Email;
using CsPlaybooks.Success.Surveys;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Surveys;

/// <summary>Settings of <c>sendSurvey</c>.</summary>
/// <param name="Kind"><c>nps</c> (0–10) or <c>csat</c> (1–5).</param>
/// <param name="Question">Liquid: the question in the email (and, one line, its default subject).</param>
/// <param name="FollowUp">Liquid: the comment prompt on the thank-you page; null for the kind's default.</param>
/// <param name="Subject">Liquid: the subject; null for the question.</param>
public sealed record SendSurveySettings(string Kind, LiquidTemplate Question, LiquidTemplate? FollowUp, LiquidTemplate? Subject,
    IReadOnlyList<string> To, string Category, EmailAddress? From);

/// <summary>
/// Emails an NPS or CSAT question with one link per score to every contact with one of the given roles. Each email is a
/// governed customer email (consent, quiet hours, frequency cap at delivery, like <c>sendEmail</c>); delivery signs
/// each score link for its recipient. Contacts who withdrew consent for the category are left out here already: when
/// none is left the step leaves by <c>suppressed</c> and queues nothing, otherwise by <c>queued</c>. The survey's id
/// (one per run of the step) is kept in <c>variables.surveyId</c>, so a later <c>waitForEvent</c> on
/// <c>survey.answered</c> can match its own survey (<c>event.data.surveyId == variables.surveyId</c>).
/// </summary>
public sealed class SendSurveyStep : StepType<SendSurveySettings>
{
    public const string Queued = "queued";
    public const string Suppressed = "suppressed";

    public override string Type => "sendSurvey";
    public override StepCategory Category => StepCategory.Email;
    public override string Description => "Ask contacts an NPS (0–10) or CSAT (1–5) question by email, one click per score; answers raise survey.answered.";

    public override JsonObject SettingsSchema
    {
        get
        {
            var properties = new JsonObject
            {
                ["kind"] = new JsonObject { ["type"] = "string", ["enum"] = new JsonArray(SurveyKinds.All.Select(k => (JsonNode)k).ToArray()), ["description"] = "nps: 0–10; csat: 1–5" },
                ["question"] = String("Liquid template, e.g. How likely are you to recommend us to a colleague, {{ recipient.name }}?", FieldLimits.EmailSubject),
                ["followUp"] = String("Liquid template: the comment prompt after a score (default: What is the main reason for your score?)", FieldLimits.EmailSubject),
                ["subject"] = String("Liquid template (default: the question)", FieldLimits.EmailSubject),
            };
            foreach (var (name, schema) in SendEmailStep.AudienceSchema().ToList()) properties[name] = schema?.DeepClone();
            return Object(properties, "kind", "question", "to");
        }
    }

    protected override SendSurveySettings Read(SettingsReader reader)
    {
        var kind = reader.RequiredString("kind", "\"nps\"");
        if (kind.Length > 0 && !SurveyKinds.All.Contains(kind)) reader.Error("kind", $"'kind' must be {string.Join(" or ", SurveyKinds.All)}, not \"{kind}\"");
        var question = reader.Template("question", required: true, FieldLimits.EmailSubject);
        var followUp = reader.Template("followUp", required: false, FieldLimits.EmailSubject);
        var subject = reader.Template("subject", required: false, FieldLimits.EmailSubject);
        var (to, category, from) = SendEmailStep.ReadAudience(reader);
        return new SendSurveySettings(kind, question!, followUp, subject, to, category, from);
    }

    public override OutcomeRule Outcomes { get; } = OutcomeRule.Of(Queued, Suppressed);

    protected override StepResult Execute(StepContext context, SendSurveySettings settings)
    {
        var model = context.Model;
        var account = model.Get("account") as JsonObject;
        var contacts = SendEmailStep.Recipients(model.Get("contacts") as JsonArray ?? account?["contacts"] as JsonArray, settings.To);
        var allowed = contacts.Where(c => ContactConsent.Allows(c, settings.Category)).ToList();
        if (allowed.Count == 0)
            return new StepResult.Next(Suppressed, contacts.Count == 0
                ? $"{settings.Kind} survey: no contact with role {string.Join("/", settings.To)} has an email address; nothing sent"
                : $"{settings.Kind} survey: every contact with role {string.Join("/", settings.To)} withdrew consent for {settings.Category} email; nothing sent");

        var surveyId = SurveyId(context);
        var from = settings.From ?? SendEmailStep.CsmAddress(account);
        var sent = new List<string>();
        var fault = SendEmailStep.PerRecipient(model, allowed, $"{settings.Kind} survey", contact =>
        {
            var question = settings.Question.Render(model).Trim();
            var followUp = settings.FollowUp?.Render(model).Trim();
            var subject = SendEmailStep.OneLine(settings.Subject?.Render(model) ?? question);
            var address = (string)contact["email"]!;
            var message = new EmailMessage(
                context.Instance.AccountId, (string?)contact["id"], new EmailAddress(address, (string?)contact["name"]), from,
                settings.Category, $"survey:{settings.Kind}", subject, Html(settings.Kind, question), Text(settings.Kind, question),
                new EmailSurvey(surveyId, settings.Kind, string.IsNullOrEmpty(followUp) ? null : followUp));
            context.Emit(EmailMessage.Kind, message.ToJson(), (string?)contact["id"] ?? address.ToLowerInvariant());
            sent.Add($"{address} ({contact["role"]})");
        });
        if (fault is not null) return fault;
        context.Variables["surveyId"] = surveyId;
        return new StepResult.Next(Queued, $"{settings.Kind} survey {surveyId} queued to {string.Join(", ", sent)}");
    }

    /// <summary>One id per run of the step (instance, step, path arrival): the same on a replayed burst.</summary>
    private static string SurveyId(StepContext context) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{context.Instance.InstanceId:N}/{context.Step.Id}/{context.TokenId}")))[..20];

    private static IEnumerable<int> Scores(string kind)
    {
        var (min, max) = SurveyKinds.Scale(kind);
        return Enumerable.Range(min, max - min + 1);
    }

    private static string Html(string kind, string question)
    {
        var (low, high) = SurveyKinds.Anchors(kind);
        var links = string.Concat(Scores(kind).Select(s =>
            $"<td style=\"padding:2px\"><a href=\"{EmailSurvey.LinkPlaceholder(s)}\" style=\"display:inline-block;min-width:2em;padding:.5em;text-align:center;border:1px solid #1d4ed8;border-radius:4px;color:#1d4ed8;text-decoration:none\">{s}</a></td>"));
        return $"<p>{WebUtility.HtmlEncode(question)}</p>\n<table role=\"presentation\"><tr>{links}</tr></table>\n" +
            $"<p style=\"font-size:small;color:#666\">{SurveyKinds.Scale(kind).Min} = {low}, {SurveyKinds.Scale(kind).Max} = {high}. One click records your answer.</p>\n";
    }

    private static string Text(string kind, string question)
    {
        var (low, high) = SurveyKinds.Anchors(kind);
        var (min, max) = SurveyKinds.Scale(kind);
        return $"{question}\n\nClick the link of your score ({min} = {low}, {max} = {high}):\n" +
            string.Concat(Scores(kind).Select(s => $"{s}: {EmailSurvey.LinkPlaceholder(s)}\n"));
    }
}
