using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Success.Accounts;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Data;

public sealed record AssessRenewalSettings(int HighFrom, int MediumFrom);

/// <summary>
/// Judges the renewal (DOMAIN.md §6): a probability from health (40 %), the usage trend (activity, 20 %), progress
/// on the agreed success criteria (25 %) and open must-complete work (15 %), plus named risk points. Leaves by
/// <c>high</c>, <c>medium</c> or <c>low</c>; <c>variables.renewalProbability</c> and <c>variables.renewalRisks</c>
/// hold the result, and the account keeps it under <c>renewal.assessment</c>.
/// </summary>
public sealed class AssessRenewalStep : StepType<AssessRenewalSettings>
{
    public override string Type => "assessRenewal";
    public override StepCategory Category => StepCategory.Data;
    public override string Description => "Assess the renewal: probability and named risk points from health, usage trend, success criteria and open required tasks → high / medium / low.";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["highFrom"] = new JsonObject { ["type"] = "integer", ["description"] = "Probability (0–100) from which the outcome is high (default 70)" },
        ["mediumFrom"] = new JsonObject { ["type"] = "integer", ["description"] = "Probability from which it is medium (default 40)" },
    });

    protected override AssessRenewalSettings Read(SettingsReader reader)
    {
        int Int(string field, int fallback)
        {
            if (reader.Raw(field) is not { } raw) return fallback;
            if (raw is JsonValue v && v.TryGetValue<int>(out var n) && n is >= 0 and <= 100) return n;
            reader.Error(field, $"'{field}' must be a whole number from 0 to 100");
            return fallback;
        }
        var settings = new AssessRenewalSettings(Int("highFrom", 70), Int("mediumFrom", 40));
        if (settings.MediumFrom >= settings.HighFrom) reader.Error("mediumFrom", "'mediumFrom' must be below 'highFrom'");
        return settings;
    }

    public override OutcomeRule Outcomes { get; } = OutcomeRule.Of("high", "medium", "low");

    protected override StepResult Execute(StepContext context, AssessRenewalSettings settings)
    {
        var account = context.Model.Get("account") as JsonObject ?? [];
        var assessment = RenewalAssessment.Of(account);
        var outcome = assessment.Probability >= settings.HighFrom ? "high" : assessment.Probability >= settings.MediumFrom ? "medium" : "low";
        var risks = new JsonArray(assessment.Risks.Select(r => (JsonNode)r).ToArray());
        context.Variables["renewalProbability"] = assessment.Probability;
        context.Variables["renewalRisks"] = risks.DeepClone();
        context.ChangeAccount("renewal.assessment", new JsonObject
        {
            ["probability"] = assessment.Probability, ["outcome"] = outcome, ["risks"] = risks, ["at"] = context.Now,
        }, $"renewal assessed by step '{context.Step.Id}'");
        return new StepResult.Next(outcome, $"renewal probability {assessment.Probability}% ({outcome})" +
            (assessment.Risks.Count > 0 ? $"; risks: {string.Join("; ", assessment.Risks)}" : "; no risk points"));
    }
}

/// <summary>The renewal judgement of DOMAIN.md §6, from what the account document holds.</summary>
public sealed record RenewalAssessment(int Probability, IReadOnlyList<string> Risks)
{
    public static RenewalAssessment Of(JsonObject account)
    {
        var risks = new List<string>();
        var health = account["health"] as JsonObject;
        var healthScore = Number(health?["score"]);
        if (healthScore is null) risks.Add("no health record");
        else if ((string?)health!["band"] is "red" or "yellow") risks.Add($"health {health["band"]} ({healthScore:0})");

        var activity = (health?["indicators"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(i => (string?)i["name"] == "activity");
        var usageScore = Number(activity?["score"]);
        if (usageScore is < 60) risks.Add($"low user activity ({activity!["explanation"]})");

        var criteria = (account["successCriteria"] as JsonArray)?.OfType<JsonObject>().ToList() ?? [];
        double? progress = null;
        if (criteria.Count == 0) risks.Add("no success criteria agreed with the customer");
        else
        {
            var scores = new List<double>();
            foreach (var c in criteria)
            {
                if (SuccessCriteria.Progress(c) is not { } pct) continue;
                scores.Add(pct);
                if (pct < 50) risks.Add($"success criterion '{c["metric"]}' at {pct:0}% of its target");
            }
            progress = scores.Count == 0 ? null : scores.Average();
        }

        var openRequired = (int)(Number(account["work"]?["openRequiredTasks"]) ?? 0);
        if (openRequired > 0) risks.Add($"{openRequired} must-complete task(s) open");
        if (!(account["contacts"] as JsonArray ?? []).OfType<JsonObject>().Any(c => (string?)c["role"] == "decision-maker"))
            risks.Add("no decision-maker among the contacts");

        var probability = 0.40 * (healthScore ?? 30) + 0.20 * (usageScore ?? healthScore ?? 30) + 0.25 * (progress ?? 30)
            + 0.15 * Math.Max(0, 100 - 25 * openRequired);
        return new RenewalAssessment((int)Math.Round(probability, MidpointRounding.AwayFromZero), risks);
    }

    private static double? Number(JsonNode? node) => SuccessCriteria.Number(node);
}
