namespace CsPlaybooks.Success.Health;

/// <summary>
/// The health model (DOMAIN.md §5): five indicators with weights summing to 100, colour bands and a time grain.
/// Defaults: activity 30, material input 20, content output 20, feature coverage 15, API usage 15; the optional
/// sixth, <c>nps</c> (the account's NPS from survey answers), weighs 0 unless configured; red &lt; 50 ≤
/// yellow &lt; 75 ≤ green; weekly grain; usage.dropped when weekly active users fall by 30 % or more.
/// </summary>
public sealed class HealthOptions
{
    public Dictionary<string, int> Weights { get; set; } = new()
    {
        [HealthIndicators.Activity] = 30,
        [HealthIndicators.MaterialInput] = 20,
        [HealthIndicators.ContentOutput] = 20,
        [HealthIndicators.Coverage] = 15,
        [HealthIndicators.ApiUsage] = 15,
    };

    /// <summary>Scores below this are red.</summary>
    public int YellowFrom { get; set; } = 50;
    /// <summary>Scores at or above this are green.</summary>
    public int GreenFrom { get; set; } = 75;
    /// <summary>daily, weekly (ISO weeks, Monday first) or monthly.</summary>
    public string Grain { get; set; } = "weekly";
    /// <summary>Features the product has; coverage = distinct features used ÷ this (an account's <c>features</c> list overrides).</summary>
    public int FeatureCount { get; set; } = 10;
    /// <summary>Periods before the scored one that form the baseline for input and output.</summary>
    public int BaselinePeriods { get; set; } = 4;
    /// <summary>usage.dropped fires when active users fall by at least this fraction from one period to the next.</summary>
    public double UsageDropThreshold { get; set; } = 0.30;

    /// <summary>Problems with the configuration, named by key, or empty.</summary>
    public IEnumerable<string> Problems()
    {
        var unknown = Weights.Keys.Except(HealthIndicators.All).ToList();
        if (unknown.Count > 0) yield return $"Health:Weights has unknown indicators {string.Join(", ", unknown)}; use {string.Join(", ", HealthIndicators.All)}";
        if (Weights.Values.Sum() != 100) yield return $"Health:Weights must sum to 100, not {Weights.Values.Sum()}";
        if (Weights.Values.Any(w => w < 0)) yield return "Health:Weights cannot be negative";
        if (!(0 < YellowFrom && YellowFrom < GreenFrom && GreenFrom <= 100)) yield return "Health bands need 0 < YellowFrom < GreenFrom ≤ 100";
        if (Grain is not ("daily" or "weekly" or "monthly")) yield return $"Health:Grain must be daily, weekly or monthly, not {Grain}";
    }
}

public static class HealthIndicators
{
    public const string Activity = "activity";
    public const string MaterialInput = "materialInput";
    public const string ContentOutput = "contentOutput";
    public const string Coverage = "coverage";
    public const string ApiUsage = "apiUsage";
    /// <summary>Optional: the account's NPS (<c>account.surveys.nps.score</c>, −100…100) mapped onto 0–100; counts only with a weight above 0.</summary>
    public const string Nps = "nps";
    public static readonly string[] All = [Activity, MaterialInput, ContentOutput, Coverage, ApiUsage, Nps];
}
