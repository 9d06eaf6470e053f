using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Expressions;

public class LiquidConditionTests
{
    private static TemplateModel Model(string tier = "KA", int score = 40) => new TemplateModel()
        .Set("account", new JsonObject
        {
            ["name"] = "Acme GmbH", ["tier"] = tier, ["modules"] = new JsonArray("crm", "billing"),
        })
        .Set("health", new JsonObject { ["score"] = score });

    private static bool Evaluate(string text, TemplateModel model)
    {
        Assert.True(LiquidCondition.TryParse(text, out var condition, out var error), error);
        return condition!.Evaluate(model);
    }

    [Theory]
    [InlineData("KA", 40, true)]
    [InlineData("KA", 60, false)]
    [InlineData("SMB", 40, false)]
    public void Evaluate_And_NeedsBothSides(string tier, int score, bool expected)
    {
        Assert.Equal(expected, Evaluate("account.tier == 'KA' and health.score < 50", Model(tier, score)));
    }

    [Theory]
    [InlineData("KA", 60, true)]
    [InlineData("SMB", 40, true)]
    [InlineData("SMB", 60, false)]
    public void Evaluate_Or_NeedsEitherSide(string tier, int score, bool expected)
    {
        Assert.Equal(expected, Evaluate("account.tier == 'KA' or health.score < 50", Model(tier, score)));
    }

    [Theory]
    [InlineData("account.modules contains 'crm'", true)]
    [InlineData("account.modules contains 'hr'", false)]
    [InlineData("account.name contains 'Acme'", true)]
    [InlineData("account.name contains 'Globex'", false)]
    public void Evaluate_Contains_ChecksArraysAndStrings(string text, bool expected)
    {
        Assert.Equal(expected, Evaluate(text, Model()));
    }

    [Fact]
    public void Evaluate_MissingField_IsFalse()
    {
        Assert.False(Evaluate("account.churned", Model()));
    }

    [Theory]
    [InlineData("account.tier ==")]
    [InlineData("account.tier == 'KA' and")]
    public void TryParse_IncompleteExpression_Fails(string text)
    {
        Assert.False(LiquidCondition.TryParse(text, out var condition, out var error));
        Assert.Null(condition);
        Assert.Contains("Expecting an <expression> to the right of the operator", error);
    }

    [Theory]
    [InlineData("", "the condition is empty")]
    [InlineData("{% if account.tier == 'KA' %}", "without {% %}")]
    public void TryParse_EmptyOrWrappedInTags_FailsWithAHint(string text, string hint)
    {
        Assert.False(LiquidCondition.TryParse(text, out _, out var error));
        Assert.Contains(hint, error);
    }
}
