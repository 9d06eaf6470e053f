using CsPlaybooks.Success.Health;

namespace CsPlaybooks.Success.Tests.Health;

public sealed class HealthCalculatorTests
{
    private static readonly HealthCalculator Weekly = new(new HealthOptions());
    private static readonly DateOnly Monday = new(2026, 3, 2);

    private static UsageFact Day(DateOnly date, int active, double input = 10, double output = 5, string[]? features = null, long api = 0) =>
        new(date, active, input, output, features ?? ["editor"], api);

    /// <summary>Four steady weeks, then the week being scored.</summary>
    private static List<UsageFact> History(Func<int, UsageFact> scoredDay)
    {
        var facts = new List<UsageFact>();
        for (var week = 1; week <= 4; week++)
            for (var d = 0; d < 5; d++) facts.Add(Day(Monday.AddDays(-7 * week + d), 10));
        for (var d = 0; d < 5; d++) facts.Add(scoredDay(d));
        return facts;
    }

    [Fact]
    public void PeriodOf_Weekly_StartsOnMonday()
    {
        Assert.Equal((Monday, Monday.AddDays(6)), Weekly.PeriodOf(new DateOnly(2026, 3, 8)));
        Assert.Equal((Monday, Monday.AddDays(6)), Weekly.PeriodOf(Monday));
    }

    [Fact]
    public void PeriodOf_Monthly_IsCalendarMonth()
    {
        var monthly = new HealthCalculator(new HealthOptions { Grain = "monthly" });
        Assert.Equal((new DateOnly(2028, 2, 1), new DateOnly(2028, 2, 29)), monthly.PeriodOf(new DateOnly(2028, 2, 14)));
    }

    [Fact]
    public void Score_SteadyFullUsageWithApi_IsGreen100()
    {
        var facts = History(d => Day(Monday.AddDays(d), 10, features: ["a", "b", "c", "d", "e", "f", "g", "h", "i", "j"], api: 50));
        var score = Weekly.Score(Monday.AddDays(4), facts, seats: 10, featureCount: 10);
        Assert.Equal(100, score.Score);
        Assert.Equal("green", score.Band);
        Assert.All(score.Indicators, i => Assert.Equal(100, i.Score));
    }

    [Fact]
    public void Score_WeightsApplied_EachIndicatorExplained()
    {
        // activity 5/10 seats = 50; input and output same as baseline = 100; coverage 1/10 = 10; no API = 0
        var facts = History(d => Day(Monday.AddDays(d), 5));
        var score = Weekly.Score(Monday.AddDays(4), facts, seats: 10, featureCount: 10);
        var byName = score.Indicators.ToDictionary(i => i.Name);
        Assert.Equal(50, byName[HealthIndicators.Activity].Score);
        Assert.Equal(100, byName[HealthIndicators.MaterialInput].Score);
        Assert.Equal(100, byName[HealthIndicators.ContentOutput].Score);
        Assert.Equal(10, byName[HealthIndicators.Coverage].Score);
        Assert.Equal(0, byName[HealthIndicators.ApiUsage].Score);
        Assert.Equal(57, score.Score); // (30·50 + 20·100 + 20·100 + 15·10 + 15·0) / 100 = 56.5, rounded half away from zero
        Assert.Equal("yellow", score.Band);
        Assert.Contains("5 active users a day vs 10 seats", byName[HealthIndicators.Activity].Explanation);
    }

    [Fact]
    public void Score_InputHalvedVsBaseline_Scores50()
    {
        var facts = History(d => Day(Monday.AddDays(d), 10, input: 5));
        var input = Weekly.Score(Monday, facts, 10, 10).Indicators.Single(i => i.Name == HealthIndicators.MaterialInput);
        Assert.Equal(50, input.Score);
        Assert.Equal(50, input.Baseline);
    }

    [Theory]
    [InlineData(49, "red")]
    [InlineData(50, "yellow")]
    [InlineData(74, "yellow")]
    [InlineData(75, "green")]
    public void BandOf_DefaultBands(int score, string band) => Assert.Equal(band, Weekly.BandOf(score));

    [Fact]
    public void UsageDrop_ThirtyPercentWeekOverWeek_Detected()
    {
        var facts = History(d => Day(Monday.AddDays(d), 7));
        Assert.True(Weekly.UsageDrop(Monday.AddDays(2), facts).Dropped);
        var steady = History(d => Day(Monday.AddDays(d), 8));
        Assert.False(Weekly.UsageDrop(Monday.AddDays(2), steady).Dropped);
    }

    [Fact]
    public void Options_WeightsNotSummingTo100_AreReported()
    {
        var options = new HealthOptions();
        options.Weights[HealthIndicators.Activity] = 50;
        Assert.Contains(options.Problems(), p => p.Contains("sum to 100"));
        Assert.Empty(new HealthOptions().Problems());
    }
}
