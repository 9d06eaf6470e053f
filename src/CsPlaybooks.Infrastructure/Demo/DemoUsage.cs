using CsPlaybooks.Success.Health;

namespace CsPlaybooks.Infrastructure.Demo;

/// <summary>
/// Daily usage for a demo account, built to land in a health band under the default model (<see cref="HealthOptions"/>):
/// green — 85 % of seats active on weekdays, steady input and output, 7 of 10 features, API calls (score ≈ 88);
/// yellow — half the seats, steady input and output, 3 features, no API (≈ 57); red — like yellow for most of the window,
/// then activity, input and output fall to a quarter and one feature is left (≈ 24). Facts end with the last complete
/// health period before today, so the current score never reads a half-finished period. Deterministic per account and day.
/// </summary>
public static class DemoUsage
{
    /// <summary>How far back usage goes.</summary>
    public const int Days = 90;

    private static readonly string[] Features = ["dashboard", "reports", "orders", "inventory", "scheduling", "billing", "analytics"];

    /// <summary>The facts of <paramref name="account"/>, grouped by health period, oldest first (each group is one intake, as telemetry would send it).</summary>
    public static IReadOnlyList<IReadOnlyList<UsageFact>> Periods(DemoAccount account, DateOnly today, HealthCalculator calculator)
    {
        if (account.Usage is not { } profile) return [];
        var seats = (int?)account.Document["seats"] ?? 10;
        var to = calculator.PeriodOf(today).Start.AddDays(-1);
        var from = account.UsageFrom > to.AddDays(1 - Days) ? account.UsageFrom : to.AddDays(1 - Days);
        if (from > to) return [];
        var total = to.DayNumber - from.DayNumber + 1;
        var random = new Random(DemoPlan.Seed ^ StableHash(account.Id));
        var facts = new List<UsageFact>(total);
        for (var day = from; day <= to; day = day.AddDays(1))
            facts.Add(Fact(profile, seats, day, (day.DayNumber - from.DayNumber + 0.5) / total, 0.97 + 0.06 * random.NextDouble()));
        return facts.GroupBy(f => calculator.PeriodOf(f.Date).Start).OrderBy(g => g.Key).Select(g => (IReadOnlyList<UsageFact>)g.ToList()).ToList();
    }

    private static UsageFact Fact(UsageProfile profile, int seats, DateOnly day, double progress, double jitter)
    {
        var level = profile == UsageProfile.Red && progress > 0.6 ? 1 - 0.75 * (progress - 0.6) / 0.4 : 1.0;
        var weekday = day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday ? 0.6 : 1.0;
        var share = profile == UsageProfile.Green ? 0.85 : 0.5;
        var scale = level * weekday * jitter;
        var features = profile switch
        {
            UsageProfile.Green => Features,
            UsageProfile.Red when progress > 0.6 => Features[..1],
            _ => Features[..3],
        };
        var api = profile == UsageProfile.Green ? (long)Math.Round(100 * scale) : 0;
        return new UsageFact(day, (int)Math.Round(seats * share * scale), Math.Round(seats * 0.6 * scale, 1), Math.Round(seats * 0.4 * scale, 1), features, api);
    }

    /// <summary>string.GetHashCode differs per process; the book must not.</summary>
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text) hash = unchecked(hash * 31 + c);
        return hash;
    }
}
