using System.Text.Json;
using System.Text.Json.Nodes;

namespace CsPlaybooks.Success.Email;

/// <summary>An address with an optional display name.</summary>
public sealed record EmailAddress(string Address, string? Name = null)
{
    public override string ToString() => string.IsNullOrWhiteSpace(Name) ? Address : $"{Name} <{Address}>";
}

/// <summary>
/// One rendered email to one recipient: the payload of an outbox message of kind <see cref="Kind"/>, written by the
/// <c>sendEmail</c> and <c>sendSurvey</c> steps and delivered (after governance) by the email outbox handler.
/// </summary>
/// <param name="Survey">Set by <c>sendSurvey</c>: the survey whose score links delivery signs into the content.</param>
public sealed record EmailMessage(
    string AccountId, string? ContactId, EmailAddress To, EmailAddress? From, string Category, string Template,
    string Subject, string? Html, string? Text, Surveys.EmailSurvey? Survey = null)
{
    public const string Kind = "email";

    /// <summary>
    /// Stands for the recipient's signed unsubscribe link in rendered content (<c>{{ unsubscribe_url }}</c> in a template);
    /// replaced at delivery, where the signing key lives.
    /// </summary>
    public const string UnsubscribeUrlPlaceholder = "%UNSUBSCRIBE_URL%";

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    public JsonObject ToJson() => JsonSerializer.SerializeToNode(this, Options)!.AsObject();

    public static EmailMessage FromJson(JsonObject json) =>
        json.Deserialize<EmailMessage>(Options) ?? throw new JsonException("the email payload is empty");
}
