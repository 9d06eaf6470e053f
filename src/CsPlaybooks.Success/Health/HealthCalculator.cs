namespace CsPlaybooks.Success.Health;

/// <summary>One indicator's part of a score: its raw value, its 0–100 score and its weight.</summary>
public sealed record IndicatorScore(string Name, int Weight, double Value, double Baseline, int Score, string Explanation);

public sealed record HealthScore(DateOnly PeriodStart, DateOnly PeriodEnd, int Score, string Band, IReadOnlyList<IndicatorScore> Indicators);

/// <summary>
/// Scores a period of usage against the account's own recent past (DOMAIN.md §5): activity = average daily active
/// users ÷ seats (or the recent peak when seats are unknown); input and output = this period ÷ the average of the
/// previous periods; coverage = distinct features used ÷ features available; API usage = any calls at all (customers
/// who integrate almost never leave). Each indicator scores 0–100; the score is their weighted sum. The optional NPS
/// indicator (weight 0 by default, and then left out of the indicators) scores (NPS + 100) ÷ 2, and 50 (neutral)
/// while the account has no NPS answers.
/// </summary>
public sealed class HealthCalculator(HealthOptions options)
{
    public HealthOptions Options => options;

    public (DateOnly Start, DateOnly End) PeriodOf(DateOnly day) => options.Grain switch
    {
        "daily" => (day, day),
        "monthly" => (new DateOnly(day.Year, day.Month, 1), new DateOnly(day.Year, day.Month, 1).AddMonths(1).AddDays(-1)),
        _ => (day.AddDays(-(((int)day.DayOfWeek + 6) % 7)), day.AddDays(-(((int)day.DayOfWeek + 6) % 7) + 6)),
    };

    public (DateOnly Start, DateOnly End) Previous((DateOnly Start, DateOnly End) period) => PeriodOf(period.Start.AddDays(-1));

    public string BandOf(int score) => score < options.YellowFrom ? "red" : score < options.GreenFrom ? "yellow" : "green";

    /// <param name="facts">Facts covering the period and the baseline periods before it (others are ignored).</param>
    /// <param name="seats">Licensed users, if known.</param>
    /// <param name="featureCount">Features available to this account, if known.</param>
    /// <param name="nps">The account's NPS (−100…100) from survey answers, if any.</param>
    public HealthScore Score(DateOnly day, IReadOnlyCollection<UsageFact> facts, int? seats, int? featureCount, int? nps = null)
    {
        var period = PeriodOf(day);
        var current = In(facts, period).ToList();
        var baselinePeriods = new List<List<UsageFact>>();
        var p = period;
        for (var i = 0; i < options.BaselinePeriods; i++)
        {
            p = Previous(p);
            baselinePeriods.Add(In(facts, p).ToList());
        }
        var observed = baselinePeriods.Where(b => b.Count > 0).ToList();

        var avgActive = current.Count == 0 ? 0 : current.Average(f => f.ActiveUsers);
        var peak = facts.Count == 0 ? 0 : facts.Max(f => f.ActiveUsers);
        var activityBase = seats is > 0 ? seats.Value : peak;
        var features = featureCount is > 0 ? featureCount.Value : options.FeatureCount;
        var used = current.SelectMany(f => f.FeaturesUsed).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        var apiCalls = current.Sum(f => f.ApiCalls);

        IndicatorScore Relative(string name, Func<UsageFact, double> pick, string unit)
        {
            var value = current.Sum(pick);
            var baseline = observed.Count == 0 ? 0 : observed.Average(b => b.Sum(pick));
            var score = baseline <= 0 ? (value > 0 ? 100 : 0) : Clamp(100 * value / baseline);
            var why = baseline <= 0 ? $"{value:0.#} {unit}; no earlier periods to compare with" : $"{value:0.#} {unit} vs {baseline:0.#} on average in the previous {observed.Count} period(s)";
            return new IndicatorScore(name, Weight(name), value, baseline, score, why);
        }

        var indicators = new List<IndicatorScore>
        {
            new(HealthIndicators.Activity, Weight(HealthIndicators.Activity), avgActive, activityBase,
                activityBase <= 0 ? 0 : Clamp(100 * avgActive / activityBase),
                $"{avgActive:0.#} active users a day vs {(seats is > 0 ? $"{seats} seats" : $"a recent peak of {peak}")}"),
            Relative(HealthIndicators.MaterialInput, f => f.MaterialInput, "material input"),
            Relative(HealthIndicators.ContentOutput, f => f.ContentOutput, "content output"),
            new(HealthIndicators.Coverage, Weight(HealthIndicators.Coverage), used, features, Clamp(100.0 * used / features),
                $"{used} of {features} features used"),
            new(HealthIndicators.ApiUsage, Weight(HealthIndicators.ApiUsage), apiCalls, 0, apiCalls > 0 ? 100 : 0,
                apiCalls > 0 ? $"{apiCalls} API calls: integrated" : "no API calls"),
        };
        if (Weight(HealthIndicators.Nps) > 0)
            indicators.Add(new(HealthIndicators.Nps, Weight(HealthIndicators.Nps), nps ?? 0, 0, nps is { } n ? Clamp((n + 100) / 2.0) : 50,
                nps is null ? "no NPS answers yet: neutral" : $"NPS {nps} from the contacts' latest survey answers"));
        var score = (int)Math.Round(indicators.Sum(i => i.Weight * i.Score) / 100.0, MidpointRounding.AwayFromZero);
        return new HealthScore(period.Start, period.End, score, BandOf(score), indicators);
    }

    /// <summary>Average daily active users of the period of <paramref name="day"/> against the period before, and whether that is a drop.</summary>
    public (bool Dropped, double Previous, double Current) UsageDrop(DateOnly day, IReadOnlyCollection<UsageFact> facts)
    {
        var period = PeriodOf(day);
        var current = In(facts, period).ToList();
        var previous = In(facts, Previous(period)).ToList();
        if (current.Count == 0 || previous.Count == 0) return (false, 0, 0);
        var (cur, prev) = (current.Average(f => f.ActiveUsers), previous.Average(f => f.ActiveUsers));
        return (prev > 0 && cur <= prev * (1 - options.UsageDropThreshold), prev, cur);
    }

    private int Weight(string name) => options.Weights.GetValueOrDefault(name);

    private static IEnumerable<UsageFact> In(IEnumerable<UsageFact> facts, (DateOnly Start, DateOnly End) period) =>
        facts.Where(f => f.Date >= period.Start && f.Date <= period.End);

    private static int Clamp(double value) => (int)Math.Round(Math.Clamp(value, 0, 100), MidpointRounding.AwayFromZero);
}
