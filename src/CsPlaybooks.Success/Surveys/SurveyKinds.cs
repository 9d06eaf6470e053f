namespace CsPlaybooks.Success.Surveys;

/// <summary>
/// The two survey scales and how a score maps to a category. NPS (0–10, "how likely are you to recommend us"):
/// promoter 9–10, passive 7–8, detractor 0–6. CSAT (1–5, "how satisfied are you"): satisfied 4–5, neutral 3,
/// dissatisfied 1–2.
/// </summary>
public static class SurveyKinds
{
    public const string Nps = "nps";
    public const string Csat = "csat";
    public static readonly string[] All = [Nps, Csat];

    public const string Promoter = "promoter";
    public const string Passive = "passive";
    public const string Detractor = "detractor";
    public const string Satisfied = "satisfied";
    public const string Neutral = "neutral";
    public const string Dissatisfied = "dissatisfied";

    /// <summary>The lowest and highest score of the scale.</summary>
    public static (int Min, int Max) Scale(string kind) => kind == Nps ? (0, 10) : (1, 5);

    public static bool IsValid(string kind, int score) => All.Contains(kind) && score >= Scale(kind).Min && score <= Scale(kind).Max;

    /// <summary>The category of a score on the kind's scale; throws for a score outside it.</summary>
    public static string CategoryOf(string kind, int score)
    {
        if (!IsValid(kind, score)) throw new ArgumentOutOfRangeException(nameof(score), $"{score} is not a {kind} score");
        return kind == Nps
            ? score >= 9 ? Promoter : score >= 7 ? Passive : Detractor
            : score >= 4 ? Satisfied : score == 3 ? Neutral : Dissatisfied;
    }

    /// <summary>What the ends of the scale mean, shown under the score links.</summary>
    public static (string Low, string High) Anchors(string kind) =>
        kind == Nps ? ("not at all likely", "extremely likely") : ("very dissatisfied", "very satisfied");
}
