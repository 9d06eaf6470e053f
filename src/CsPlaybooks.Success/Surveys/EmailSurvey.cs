namespace CsPlaybooks.Success.Surveys;

/// <summary>
/// The survey an email carries (written by <c>sendSurvey</c>): its id (one per step run, shared by its recipients), the
/// scale, and the rendered follow-up question the landing page asks after a score. The email's content holds one
/// <see cref="LinkPlaceholder"/> per score; delivery replaces each with the recipient's signed link.
/// </summary>
public sealed record EmailSurvey(string Id, string Kind, string? FollowUp)
{
    public static string LinkPlaceholder(int score) => $"%SURVEY_URL_{score}%";
}
