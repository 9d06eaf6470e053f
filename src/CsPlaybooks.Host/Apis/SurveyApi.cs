using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Surveys;
using CsPlaybooks.Success.Surveys;

namespace CsPlaybooks.Host.Apis;

/// <summary>
/// The landing page of survey score links (see docs/surveys.md). Opening a link (GET) records its score — surveys are
/// one click by design — and thanks the contact with a comment form; the form posts back to the same signed link. Plain
/// HTML, no script. A damaged link gets a 400 page, an expired one 410, a survey that no longer exists 404; never a 500.
/// </summary>
public static class SurveyApi
{
    public static IEndpointRouteBuilder MapSurveyApi(this IEndpointRouteBuilder app)
    {
        var survey = app.MapGroup("/survey").WithTags("Surveys").AllowAnonymous();
        survey.MapGet("/{token}", Answer).WithSummary("A score link in a survey email: records the score (a later click on another score updates it) and shows a thank-you page with a comment form");
        // The signed link is what authorises the form (as for unsubscribe): no session, so no antiforgery cookie.
        survey.MapPost("/{token}", Comment).DisableAntiforgery().WithSummary("The thank-you page's comment form (form field 'comment', at most 4000 characters)");
        return app;
    }

    private static async Task<IResult> Answer(string token, SurveyResponses responses, HttpResponse response, CancellationToken ct) =>
        Page(await responses.ScoreAsync(token, ct), response, commented: false);

    private static async Task<IResult> Comment(string token, SurveyResponses responses, HttpRequest request, HttpResponse response, CancellationToken ct)
    {
        var comment = request.HasFormContentType ? ((string?)(await request.ReadFormAsync(ct))["comment"] ?? "").Trim() : null;
        if (comment is null)
            return CustomerPage.Render(response, 400, "Comment not received", "<p>Send the comment with the form on the survey page.</p>");
        if (comment.Length > FieldLimits.Note)
            return CustomerPage.Render(response, 400, "Comment too long", $"<p>The comment may have at most {FieldLimits.Note} characters; yours has {comment.Length}. Go back to shorten it.</p>");
        return Page(await responses.CommentAsync(token, comment, ct), response, commented: true);
    }

    private static IResult Page(SurveyAnswer answer, HttpResponse response, bool commented) => answer.Status switch
    {
        SurveyAnswerStatus.InvalidLink => CustomerPage.Render(response, 400, "Invalid link",
            "<p>This survey link is damaged or not ours. Copy the whole link from the email and try again.</p>"),
        SurveyAnswerStatus.Expired => CustomerPage.Render(response, 410, "This survey has closed",
            "<p>Thank you for your interest: this survey no longer takes answers. If you have feedback, reply to your customer success manager.</p>"),
        SurveyAnswerStatus.NotFound => CustomerPage.Render(response, 404, "Survey not found",
            "<p>We could not find this survey; it may have been withdrawn.</p>"),
        _ when commented => CustomerPage.Render(response, 200, "Thank you for your comment",
            $"<p>{Thanks(answer)}</p>" + (answer.Comment is null ? "" : $"<blockquote>{CustomerPage.Html(answer.Comment)}</blockquote>")),
        _ => CustomerPage.Render(response, 200, "Thank you!",
            $"<p>{Thanks(answer)} To change it, click another score in the email.</p>" +
            "<form method=\"post\">" +
            $"<label for=\"comment\">{CustomerPage.Html(answer.FollowUp ?? "What is the main reason for your score?")}</label>" +
            $"<textarea id=\"comment\" name=\"comment\" rows=\"5\" maxlength=\"{FieldLimits.Note}\">{CustomerPage.Html(answer.Comment)}</textarea>" +
            "<button type=\"submit\">Send comment</button></form>"),
    };

    private static string Thanks(SurveyAnswer answer)
    {
        var (min, max) = SurveyKinds.Scale(answer.Kind!);
        var who = answer.ContactName is { Length: > 0 } name ? $", {CustomerPage.Html(name)}" : "";
        return $"Thank you{who}: we recorded your answer, {answer.Score} on a scale of {min} to {max}.";
    }
}
