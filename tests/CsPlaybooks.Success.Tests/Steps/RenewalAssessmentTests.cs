using System.Text.Json.Nodes;
using CsPlaybooks.Success.Steps.Data;

namespace CsPlaybooks.Success.Tests.Steps;

public sealed class RenewalAssessmentTests
{
    private static JsonObject Account(double health, double activity, double? current, int openRequired = 0, bool decisionMaker = true) => new()
    {
        ["health"] = new JsonObject
        {
            ["score"] = health, ["band"] = health >= 75 ? "green" : health >= 50 ? "yellow" : "red",
            ["indicators"] = new JsonArray(new JsonObject { ["name"] = "activity", ["score"] = activity, ["explanation"] = "4 of 10 seats" }),
        },
        ["successCriteria"] = current is null ? new JsonArray()
            : new JsonArray(new JsonObject { ["metric"] = "revenue", ["baseline"] = 10, ["target"] = 15, ["current"] = current }),
        ["work"] = new JsonObject { ["openRequiredTasks"] = openRequired },
        ["contacts"] = new JsonArray(new JsonObject { ["role"] = decisionMaker ? "decision-maker" : "user" }),
    };

    [Fact]
    public void Of_HealthyOnTrack_HighProbabilityNoRisks()
    {
        var a = RenewalAssessment.Of(Account(90, 90, current: 15));
        Assert.Equal((int)Math.Round(0.4 * 90 + 0.2 * 90 + 0.25 * 100 + 0.15 * 100), a.Probability);
        Assert.Empty(a.Risks);
    }

    [Fact]
    public void Of_WeakAccount_NamesEachRisk()
    {
        // the 2019 → 2020 example of DOMAIN.md §1: 10M → 15M target; 4M delivered is not success
        var a = RenewalAssessment.Of(Account(40, 30, current: 14 - 10 + 10 - 4, openRequired: 2, decisionMaker: false));
        Assert.Contains("health red (40)", a.Risks);
        Assert.Contains(a.Risks, r => r.StartsWith("low user activity"));
        Assert.Contains(a.Risks, r => r.StartsWith("success criterion 'revenue' at 0%"));
        Assert.Contains("2 must-complete task(s) open", a.Risks);
        Assert.Contains("no decision-maker among the contacts", a.Risks);
        Assert.True(a.Probability < 40);
    }

    [Fact]
    public void Of_NoCriteria_IsARisk() =>
        Assert.Contains("no success criteria agreed with the customer", RenewalAssessment.Of(Account(80, 80, current: null)).Risks);
}
