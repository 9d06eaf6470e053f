using System.Globalization;
using System.Text.Json;
using CsPlaybooks.Infrastructure.Email;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Success.Surveys;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Surveys;

/// <summary>A genuine score link: the survey email it came in, the score it stands for, and until when it counts.</summary>
public sealed record SurveyLink(Guid EmailId, int Score, DateTimeOffset ExpiresAt);

/// <summary>
/// The one-click score links of survey emails: <c>{Email:PublicBaseUrl}/survey/{token}</c>, the token signed by the
/// unsubscribe links' signer (<see cref="UnsubscribeTokens.Sign"/>, purpose <c>survey</c>) over the email's id, the score
/// and an expiry (<see cref="SurveyOptions.LinkLifetime"/> after sending). The token names no person; the email row
/// says who answers.
/// </summary>
public sealed class SurveyLinks(UnsubscribeTokens tokens, IOptions<EmailOptions> emailOptions, IOptions<SurveyOptions> options)
{
    private const string Purpose = "survey";

    public string Create(Guid emailId, int score, DateTimeOffset sentAt) =>
        tokens.Sign(Purpose, emailId.ToString("N"), score.ToString(CultureInfo.InvariantCulture),
            (sentAt + options.Value.LinkLifetime).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture));

    /// <summary>The link a token stands for; null when it is forged, altered or malformed (expiry is the caller's check).</summary>
    public SurveyLink? Read(string token) =>
        tokens.Verify(Purpose, token) is [var id, var score, var expires]
        && Guid.TryParseExact(id, "N", out var emailId)
        && int.TryParse(score, NumberStyles.None, CultureInfo.InvariantCulture, out var s)
        && long.TryParse(expires, NumberStyles.None, CultureInfo.InvariantCulture, out var e)
            ? new SurveyLink(emailId, s, DateTimeOffset.FromUnixTimeSeconds(e))
            : null;

    /// <summary>Replaces the score placeholders of a survey email's content with its signed links (encoded for the part).</summary>
    public string? Place(EmailRecord email, string? content, DateTimeOffset sentAt, Func<string, string> encode)
    {
        if (content is null || email.Survey is null || JsonSerializer.Deserialize<EmailSurvey>(email.Survey, JsonSerializerOptions.Web) is not { } survey) return content;
        var (min, max) = SurveyKinds.Scale(survey.Kind);
        for (var score = min; score <= max; score++)
            content = content.Replace(EmailSurvey.LinkPlaceholder(score), encode($"{emailOptions.Value.PublicBaseUrl.TrimEnd('/')}/survey/{Create(email.Id, score, sentAt)}"));
        return content;
    }
}
