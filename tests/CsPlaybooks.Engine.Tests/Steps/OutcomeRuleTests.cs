using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Steps;

namespace CsPlaybooks.Engine.Tests.Steps;

/// <summary>A step type's declared outcomes evaluated on one step's settings (the designer evaluates the same rule).</summary>
public sealed class OutcomeRuleTests
{
    private static JsonObject Settings(string json) => JsonNode.Parse(json)!.AsObject();

    [Fact]
    public void ListItems_ThenFixed_ThenOnePerGivenSetting()
    {
        var rule = new OutcomeRule(["default"], PerItemOf: "cases", WhenSet: [new("timeout", "timeout")]);
        Assert.Equal(["a", "b", "default", "timeout"], rule.Evaluate(Settings("""{"cases":["a","b"],"timeout":"P1D"}""")));
    }

    [Theory]
    [InlineData("""{}""")]
    [InlineData("""{"timeout":null}""")]
    [InlineData("""{"timeout":"  "}""")]
    public void OptionalSetting_AbsentNullOrBlank_GivesNoOutcome(string settings) =>
        Assert.Equal(["received"], new OutcomeRule(["received"], WhenSet: [new("timeout", "timeout")]).Evaluate(Settings(settings)));

    [Fact]
    public void NoOutcome_OrDone()
    {
        Assert.Empty(OutcomeRule.Of().Evaluate([]));
        Assert.Equal(["done"], OutcomeRule.Done.Evaluate([]));
    }
}
