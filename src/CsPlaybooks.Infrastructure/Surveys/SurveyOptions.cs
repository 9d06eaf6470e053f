namespace CsPlaybooks.Infrastructure.Surveys;

/// <summary>Survey links (configuration section <c>Surveys</c>).</summary>
public sealed class SurveyOptions
{
    /// <summary>How long after sending a score link still records an answer. Default 90 days; later clicks see a "survey closed" page.</summary>
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromDays(90);
}
