using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Success.Health;
using NodaTime;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Steps.Data;

public sealed record MonthlyReportSettings;

/// <summary>
/// Builds the customer's month (DOMAIN.md §4) into <c>variables.report</c> for the email that follows: the month
/// before the current one in the account's zone — active users, features used (and how many of the product's),
/// input, output, API calls, the trend against the month before, and next month's plan (<c>account.plan.nextMonth</c>,
/// else the open success criteria). Reads <c>account.usage.months</c>, which usage ingestion keeps.
/// </summary>
public sealed class MonthlyReportStep : StepType<MonthlyReportSettings>
{
    public override string Type => "monthlyReport";
    public override StepCategory Category => StepCategory.Data;
    public override string Description => "Build last month's report (users, features, trend, next month's plan) into variables.report, for a sendEmail to the project lead.";
    public override JsonObject SettingsSchema => Object([]);

    protected override MonthlyReportSettings Read(SettingsReader reader) => new();

    protected override StepResult Execute(StepContext context, MonthlyReportSettings settings)
    {
        var account = context.Model.Get("account") as JsonObject ?? [];
        var today = context.NowInstant.InZone(context.Zone).Date;
        var month = today.PlusMonths(-1);
        var before = today.PlusMonths(-2);
        static string Key(LocalDate d) => MonthlyUsage.Key(new DateOnly(d.Year, d.Month, 1));
        var months = account["usage"]?["months"] as JsonObject;
        var current = months?[Key(month)] as JsonObject;
        var previous = months?[Key(before)] as JsonObject;
        double Users(JsonObject? m) => m?["activeUsers"] is JsonValue v && v.TryGetValue<double>(out var d) ? d : 0;
        var (now, then) = (Users(current), Users(previous));
        var trend = previous is null ? "first month" : now > then * 1.05 ? "up" : now < then * 0.95 ? "down" : "steady";
        var plan = account["plan"]?["nextMonth"]?.DeepClone()
            ?? new JsonArray((account["successCriteria"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(c => (JsonNode)$"{c["metric"]}: from {c["current"] ?? c["baseline"]} towards {c["target"]} by {c["due"]}").ToArray());
        var report = new JsonObject
        {
            ["month"] = Key(month),
            ["monthName"] = new DateTime(month.Year, month.Month, 1).ToString("MMMM yyyy", System.Globalization.CultureInfo.InvariantCulture),
            ["monthNumber"] = today.Month,
            ["hasUsage"] = current is not null,
            ["activeUsers"] = now,
            ["previousActiveUsers"] = then,
            ["trend"] = trend,
            ["features"] = current?["features"]?.DeepClone() ?? new JsonArray(),
            ["featureCount"] = (current?["features"] as JsonArray)?.Count ?? 0,
            ["materialInput"] = current?["materialInput"]?.DeepClone(),
            ["contentOutput"] = current?["contentOutput"]?.DeepClone(),
            ["apiCalls"] = current?["apiCalls"]?.DeepClone(),
            ["plan"] = plan,
        };
        context.Variables["report"] = report;
        return StepResult.Done(current is null
            ? $"report for {report["month"]}: no usage recorded"
            : $"report for {report["month"]}: {now:0.#} active users a day ({trend}), {report["featureCount"]} features used");
    }
}
