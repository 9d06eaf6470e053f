using CsPlaybooks.Success.Surveys;

namespace CsPlaybooks.Success.Tests.Surveys;

public sealed class SurveyKindsTests
{
    [Theory]
    [InlineData(0, "detractor")]
    [InlineData(6, "detractor")]
    [InlineData(7, "passive")]
    [InlineData(8, "passive")]
    [InlineData(9, "promoter")]
    [InlineData(10, "promoter")]
    public void CategoryOf_NpsScore_PromoterPassiveDetractorAtTheStandardCuts(int score, string category) =>
        Assert.Equal(category, SurveyKinds.CategoryOf(SurveyKinds.Nps, score));

    [Theory]
    [InlineData(1, "dissatisfied")]
    [InlineData(2, "dissatisfied")]
    [InlineData(3, "neutral")]
    [InlineData(4, "satisfied")]
    [InlineData(5, "satisfied")]
    public void CategoryOf_CsatScore_SatisfiedNeutralDissatisfied(int score, string category) =>
        Assert.Equal(category, SurveyKinds.CategoryOf(SurveyKinds.Csat, score));

    [Theory]
    [InlineData("nps", -1)]
    [InlineData("nps", 11)]
    [InlineData("csat", 0)]
    [InlineData("csat", 6)]
    [InlineData("ces", 3)]
    public void CategoryOf_ScoreOffTheScale_Refused(string kind, int score)
    {
        Assert.False(SurveyKinds.IsValid(kind, score));
        Assert.Throws<ArgumentOutOfRangeException>(() => SurveyKinds.CategoryOf(kind, score));
    }
}
