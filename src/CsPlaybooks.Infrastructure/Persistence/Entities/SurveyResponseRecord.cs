namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>
/// A contact's answer to one survey send (<see cref="SurveyId"/> + <see cref="ContactKey"/> is unique): created by the
/// first click on a score link, updated by later clicks and the comment form, never duplicated.
/// </summary>
public sealed class SurveyResponseRecord
{
    public Guid Id { get; set; }
    /// <summary>The send (one run of a <c>sendSurvey</c> step), shared by the contacts it went to.</summary>
    public required string SurveyId { get; set; }
    /// <summary>The contact's id, else (contacts without one) the address.</summary>
    public required string ContactKey { get; set; }
    public required string AccountId { get; set; }
    /// <summary>The survey email the answer came from.</summary>
    public Guid EmailId { get; set; }
    public Guid InstanceId { get; set; }
    public required string StepId { get; set; }
    /// <summary>nps or csat.</summary>
    public required string Kind { get; set; }
    public int Score { get; set; }
    /// <summary>promoter / passive / detractor (nps); satisfied / neutral / dissatisfied (csat).</summary>
    public required string Category { get; set; }
    public string? Comment { get; set; }
    /// <summary>The first answer.</summary>
    public DateTimeOffset AnsweredAt { get; set; }
    /// <summary>First day (UTC) of the month of <see cref="AnsweredAt"/>: what the NPS report groups by, in the database.</summary>
    public DateOnly AnsweredMonth { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>Scores recorded so far (1 after the first answer, +1 per changed score): the concurrency token and the event's sequence.</summary>
    public int Revision { get; set; }
}
