using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Accounts;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Success.Email;
using CsPlaybooks.Success.Surveys;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Surveys;

public enum SurveyAnswerStatus { Recorded, InvalidLink, Expired, NotFound }

/// <summary>What a score link or the comment form did, and what the landing page shows.</summary>
public sealed record SurveyAnswer(SurveyAnswerStatus Status, string? Kind = null, int Score = 0, string? FollowUp = null, string? Comment = null, string? ContactName = null);

/// <summary>
/// Records survey answers: one row per contact and survey send. A score link's first click creates the row and raises
/// <c>survey.answered</c> on the account; a click on another score updates the row and raises it again; a repeated click
/// on the same score changes nothing. Each event's id is the row and its revision, so every change of score raises
/// exactly one event, delivered like any event a change raises (stored in the change's transaction, then delivered to
/// waiting instances and event triggers). The account's <c>surveys.nps</c> / <c>surveys.csat</c> summary (each contact's
/// latest answer of the last 365 days) changes in the same transaction. A comment updates the row and raises nothing.
/// </summary>
public sealed class SurveyResponses(AccountWriter accounts, PlaybooksDb db, SurveyLinks links, TimeProvider time)
{
    public const string AnsweredEvent = "survey.answered";
    private static readonly TimeSpan SummaryWindow = TimeSpan.FromDays(365);

    /// <summary>A click on a score link: records that score.</summary>
    public Task<SurveyAnswer> ScoreAsync(string token, CancellationToken ct) => RecordAsync(token, comment: null, ct);

    /// <summary>The comment form: stores the comment (and the link's score, if the contact has no answer yet).</summary>
    public Task<SurveyAnswer> CommentAsync(string token, string comment, CancellationToken ct) => RecordAsync(token, comment, ct);

    private async Task<SurveyAnswer> RecordAsync(string token, string? comment, CancellationToken ct)
    {
        if (links.Read(token) is not { } link) return new(SurveyAnswerStatus.InvalidLink);
        await using var context = db.Create();
        var email = await context.Emails.AsNoTracking().FirstOrDefaultAsync(e => e.Id == link.EmailId, ct);
        if (email?.Survey is null || JsonSerializer.Deserialize<EmailSurvey>(email.Survey, JsonSerializerOptions.Web) is not { } survey
            || !SurveyKinds.IsValid(survey.Kind, link.Score))
            return new(SurveyAnswerStatus.NotFound);
        if (time.GetUtcNow() > link.ExpiresAt) return new(SurveyAnswerStatus.Expired, survey.Kind);
        try
        {
            return await WriteAsync(email, survey, link.Score, comment, ct);
        }
        catch (DbUpdateException)
        {
            return await WriteAsync(email, survey, link.Score, comment, ct); // a concurrent first click created the row: update it
        }
    }

    private async Task<SurveyAnswer> WriteAsync(EmailRecord email, EmailSurvey survey, int score, string? comment, CancellationToken ct)
    {
        var answer = new SurveyAnswer(SurveyAnswerStatus.NotFound);
        var contactKey = email.ContactId ?? email.RecipientAddress;
        await accounts.EditAsync(email.AccountId, "survey", async (edit, ct) =>
        {
            if (edit.Json is null) return false;
            var row = await edit.Context.SurveyResponses.FirstOrDefaultAsync(r => r.SurveyId == survey.Id && r.ContactKey == contactKey, ct);
            var previous = row is null ? (int?)null : row.Score;
            if (row is null)
            {
                row = new SurveyResponseRecord
                {
                    Id = Guid.CreateVersion7(edit.Now), SurveyId = survey.Id, ContactKey = contactKey, AccountId = email.AccountId, EmailId = email.Id,
                    InstanceId = email.InstanceId, StepId = email.StepId, Kind = survey.Kind, Category = "", AnsweredAt = edit.Now,
                    AnsweredMonth = new DateOnly(edit.Now.UtcDateTime.Year, edit.Now.UtcDateTime.Month, 1),
                };
                edit.Context.SurveyResponses.Add(row);
            }
            // A comment sent from the page of an earlier click must not undo a later score.
            var scoreChanges = previous is null || (comment is null && previous != score);
            if (scoreChanges)
            {
                row.Score = score;
                row.Category = SurveyKinds.CategoryOf(survey.Kind, score);
                row.Revision++;
            }
            if (comment is not null) row.Comment = comment.Length == 0 ? null : comment;
            row.UpdatedAt = edit.Now;
            var contact = EmailRecipient.FindContact(edit.Json["contacts"] as JsonArray, email.ContactId, email.RecipientAddress);
            var name = (string?)contact?["name"] ?? email.RecipientName;
            answer = new SurveyAnswer(SurveyAnswerStatus.Recorded, survey.Kind, row.Score, survey.FollowUp, row.Comment, name);
            if (!scoreChanges) return comment is not null;

            edit.Reason = $"{name ?? contactKey} answered the {survey.Kind.ToUpperInvariant()} survey: {row.Score} ({row.Category})";
            edit.Json["surveys"] = Summaries(edit.Json["surveys"] as JsonObject, await SummaryAsync(edit.Context, row, edit.Now, ct));
            var data = new JsonObject
            {
                ["surveyId"] = survey.Id, ["kind"] = survey.Kind, ["score"] = row.Score, ["category"] = row.Category,
                ["contact"] = contactKey, ["email"] = email.RecipientAddress, ["instanceId"] = email.InstanceId.ToString(), ["stepId"] = email.StepId,
            };
            if (previous is not null) data["previousScore"] = previous;
            if (row.Comment is not null) data["comment"] = row.Comment;
            edit.Raise($"{AnsweredEvent}:{row.Id:N}:{row.Revision}", AnsweredEvent, data);
            return true;
        }, ct);
        return answer;
    }

    private static JsonObject Summaries(JsonObject? existing, (string Kind, JsonObject Summary) summary)
    {
        var surveys = existing?.DeepClone() as JsonObject ?? new JsonObject();
        surveys[summary.Kind] = summary.Summary;
        return surveys;
    }

    /// <summary>The account's standing on <paramref name="row"/>'s scale: each contact's latest answer of the last 365 days.</summary>
    private static async Task<(string, JsonObject)> SummaryAsync(PlaybooksDbContext context, SurveyResponseRecord row, DateTimeOffset now, CancellationToken ct)
    {
        var since = now - SummaryWindow;
        var stored = await context.SurveyResponses.AsNoTracking()
            .Where(r => r.AccountId == row.AccountId && r.Kind == row.Kind && r.AnsweredAt >= since && r.Id != row.Id)
            .Select(r => new { r.ContactKey, r.AnsweredAt, r.Score, r.Category }).ToListAsync(ct);
        var latest = stored.Append(new { row.ContactKey, row.AnsweredAt, row.Score, row.Category })
            .GroupBy(r => r.ContactKey).Select(g => g.MaxBy(r => r.AnsweredAt)!).ToList();
        int Count(string category) => latest.Count(r => r.Category == category);
        var summary = new JsonObject { ["responses"] = latest.Count, ["lastAnsweredAt"] = latest.Max(r => r.AnsweredAt).ToString("O") };
        if (row.Kind == SurveyKinds.Nps)
        {
            summary["score"] = (int)Math.Round(100.0 * (Count(SurveyKinds.Promoter) - Count(SurveyKinds.Detractor)) / latest.Count, MidpointRounding.AwayFromZero);
            foreach (var c in new[] { SurveyKinds.Promoter, SurveyKinds.Passive, SurveyKinds.Detractor }) summary[c] = Count(c);
        }
        else
        {
            summary["score"] = (int)Math.Round(100.0 * Count(SurveyKinds.Satisfied) / latest.Count, MidpointRounding.AwayFromZero);
            foreach (var c in new[] { SurveyKinds.Satisfied, SurveyKinds.Neutral, SurveyKinds.Dissatisfied }) summary[c] = Count(c);
        }
        return (row.Kind, summary);
    }
}
