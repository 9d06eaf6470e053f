using CsPlaybooks.Success.Health;

namespace CsPlaybooks.Success.Tests.Health;

/// <summary>The optional NPS indicator: off by default (results unchanged), weighted like any other when configured.</summary>
public sealed class HealthCalculatorNpsTests
{
    private static readonly DateOnly Monday = new(2026, 3, 2);

    /// <summary>Five days of half the seats active: activity 50, input/output 100 (no baseline), coverage 10, API 0.</summary>
    private static List<UsageFact> Week() =>
        Enumerable.Range(0, 5).Select(d => new UsageFact(Monday.AddDays(d), 5, 10, 5, ["editor"], 0)).ToList();

    private static HealthCalculator WithNpsWeight(int weight) => new(new HealthOptions
    {
        Weights = new()
        {
            [HealthIndicators.Activity] = 30 - weight, [HealthIndicators.MaterialInput] = 20, [HealthIndicators.ContentOutput] = 20,
            [HealthIndicators.Coverage] = 15, [HealthIndicators.ApiUsage] = 15, [HealthIndicators.Nps] = weight,
        },
    });

    [Fact]
    public void Score_DefaultWeights_NpsLeftOut_SameScoreWithOrWithoutAnswers()
    {
        var calculator = new HealthCalculator(new HealthOptions());
        var without = calculator.Score(Monday.AddDays(4), Week(), seats: 10, featureCount: 10);
        var with = calculator.Score(Monday.AddDays(4), Week(), seats: 10, featureCount: 10, nps: -100);
        Assert.Equal(without.Score, with.Score);
        Assert.DoesNotContain(with.Indicators, i => i.Name == HealthIndicators.Nps);
        Assert.Empty(new HealthOptions().Problems());
    }

    [Theory]
    [InlineData(-100, 0)]
    [InlineData(0, 50)]
    [InlineData(40, 70)]
    [InlineData(100, 100)]
    [InlineData(null, 50)]
    public void Score_NpsWeighted_NpsMappedOntoZeroToHundred(int? nps, int indicator)
    {
        var calculator = WithNpsWeight(10);
        Assert.Empty(calculator.Options.Problems());
        var score = calculator.Score(Monday.AddDays(4), Week(), seats: 10, featureCount: 10, nps);
        var npsScore = score.Indicators.Single(i => i.Name == HealthIndicators.Nps);
        Assert.Equal(indicator, npsScore.Score);
        Assert.Equal(10, npsScore.Weight);
        // (20·50 + 20·100 + 20·100 + 15·10 + 15·0 + 10·indicator) / 100
        Assert.Equal((int)Math.Round((1000 + 2000 + 2000 + 150 + 10.0 * indicator) / 100, MidpointRounding.AwayFromZero), score.Score);
    }
}
