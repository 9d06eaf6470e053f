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
    public void TermPoint_HalfOfAOneYearTerm_IsSixCalendarMonths()
    {
        // A whole-month term moves by calendar months: 12 × 0.5 = 6 months, not 182.5 days.
        Assert.Equal("2026-07-01", Evaluate("contract.start | term_point: contract.end, 0.5"));
    }

    [Fact]
    public void TermPoint_TermOfDays_RoundsHalfDaysAwayFromZero()
    {
        // 2026-01-01 → 2026-03-15 is 73 days, not whole months: 73 × 0.5 = 36.5 → 37 days = 2026-02-07.
        Assert.Equal("2026-02-07", Evaluate("contract.start | term_point: contract.end, 0.5", end: "2026-03-15"));
    }

    [Theory]
    [InlineData("2026-01-01", "2027-01-01", "2026-09-01")] // 12 months: 4 before the end
    [InlineData("2026-01-01", "2028-01-01", "2027-05-01")] // 24 months: 8 before the end (days would give 05-03)
    [InlineData("2026-01-01", "2029-01-01", "2028-01-01")] // 36 months: 12 before the end (days would give 01-02)
    [InlineData("2026-01-31", "2027-01-31", "2026-09-30")] // month end: September has 30 days
    [InlineData("2026-03-15", "2027-03-15", "2026-11-15")]
    public void TermPoint_OneThirdLeftOfWholeMonthTerms_IsOneThirdOfTheMonthsBeforeTheEnd(string start, string end, string expected)
    {
        Assert.Equal(expected, Evaluate("contract.start | term_point: contract.end, 0.6667", start, end));
    }

    [Fact]
    public void TermPoint_InsideBraces_SameAsBareExpression()
    {
        Assert.Equal("2026-09-01", Evaluate("{{ contract.start | term_point: contract.end, 0.6667 }}"));
    }
}
