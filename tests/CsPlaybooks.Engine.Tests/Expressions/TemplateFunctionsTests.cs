using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;

namespace CsPlaybooks.Engine.Tests.Expressions;

/// <summary>The date filters add_period and term_point, used through Liquid expressions.</summary>
public class TemplateFunctionsTests
{
    private static string Evaluate(string text, string start = "2026-01-01", string end = "2027-01-01")
    {
        var model = new TemplateModel().Set("contract", new JsonObject { ["start"] = start, ["end"] = end });
        Assert.True(LiquidExpression.TryParse(text, out var expression, out var error), error);
        return expression!.Evaluate(model);
    }

    [Fact]
    public void AddPeriod_NegativeMonths_MovesBackOnTheCalendar()
    {
        Assert.Equal("2026-09-01", Evaluate("contract.end | add_period: \"-P4M\""));
    }

    [Fact]
    public void AddPeriod_OneMonthFromJanuary31_TruncatesToFebruary28()
    {
        Assert.Equal("2026-02-28", Evaluate("contract.start | add_period: \"P1M\"", start: "2026-01-31"));
    }

    [Fact]
    public void TermPoint_TwoThirdsOfAOneYearTerm_IsSeptemberFirst()
    {
        // 365 days × 0.6667 = 243.3 → 243 days after 2026-01-01 = 2026-09-01.
        Assert.Equal("2026-09-01", Evaluate("contract.start | term_point: contract.end, 0.6667"));
    }

    [Fact]
    public void TermPoint_HalfOfAOneYearTerm_RoundsHalfDaysAwayFromZero()
    {
        // 365 × 0.5 = 182.5 → 183 days after 2026-01-01 = 2026-07-03.
        Assert.Equal("2026-07-03", Evaluate("contract.start | term_point: contract.end, 0.5"));
    }

    [Fact]
    public void TermPoint_InsideBraces_SameAsBareExpression()
    {
        Assert.Equal("2026-09-01", Evaluate("{{ contract.start | term_point: contract.end, 0.6667 }}"));
    }
}
