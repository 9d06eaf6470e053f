using System.Globalization;
using System.Text.Json.Nodes;

namespace CsPlaybooks.Success.Simulation;

/// <summary>A forecast's answer: per week the candidate, the published version and their difference; overloaded CSMs; a one-line summary.</summary>
public static class ForecastReport
{
    public static JsonObject Build(ForecastPlan plan, ForecastCounts counts, int accounts)
    {
        var weekly = new JsonArray();
        for (var i = 0; i < plan.Weeks; i++)
        {
            var (candidate, baseline) = (counts.Candidate[i], counts.Baseline[i]);
            weekly.Add(new JsonObject
            {
                ["week"] = i + 1, ["from"] = plan.Start.AddDays(7 * i), ["to"] = plan.Start.AddDays(7 * (i + 1)),
                ["candidate"] = candidate.ToJson(), ["published"] = baseline.ToJson(),
                ["difference"] = Difference(candidate, baseline),
            });
        }
        var total = (Candidate: Sum(counts.Candidate), Baseline: Sum(counts.Baseline));
        var overloaded = Overloaded(plan, counts.Candidate);
        return new JsonObject
        {
            ["playbookId"] = plan.PlaybookId, ["start"] = plan.Start, ["weeks"] = plan.Weeks, ["accounts"] = accounts,
            ["taskCapacityPerWeek"] = plan.TaskCapacityPerWeek,
            ["weekly"] = weekly,
            ["totals"] = new JsonObject { ["candidate"] = total.Candidate.ToJson(), ["published"] = total.Baseline.ToJson(), ["difference"] = Difference(total.Candidate, total.Baseline) },
            ["overloaded"] = overloaded,
            ["summary"] = Summary(plan, total.Candidate, total.Baseline, overloaded),
        };
    }

    private static WeeklyCounts Sum(IEnumerable<WeeklyCounts> weeks)
    {
        var sum = new WeeklyCounts();
        foreach (var week in weeks) sum.Add(week);
        return sum;
    }

    private static JsonObject Difference(WeeklyCounts candidate, WeeklyCounts baseline) => new()
    {
        ["enrolments"] = candidate.Enrolments.Values.Sum() - baseline.Enrolments.Values.Sum(),
        ["emailsSent"] = candidate.EmailsSent - baseline.EmailsSent,
        ["emailsDeferred"] = candidate.Emails.Values.Sum(e => e.Deferred) - baseline.Emails.Values.Sum(e => e.Deferred),
        ["emailsSuppressed"] = candidate.Emails.Values.Sum(e => e.Suppressed) - baseline.Emails.Values.Sum(e => e.Suppressed),
        ["tasks"] = candidate.Tasks - baseline.Tasks,
    };

    /// <summary>CSMs given more tasks in a week than <see cref="ForecastPlan.TaskCapacityPerWeek"/> with the candidate.</summary>
    private static JsonArray Overloaded(ForecastPlan plan, WeeklyCounts[] weeks)
    {
        var result = new JsonArray();
        foreach (var csm in weeks.SelectMany(w => w.TasksByCsm.Keys).Distinct().Order(StringComparer.Ordinal))
        {
            var over = Enumerable.Range(0, weeks.Length).Where(i => weeks[i].TasksByCsm.GetValueOrDefault(csm) > plan.TaskCapacityPerWeek).ToList();
            if (over.Count == 0) continue;
            result.Add(new JsonObject
            {
                ["csmId"] = csm, ["name"] = plan.Csms.GetValueOrDefault(csm, csm),
                ["weeks"] = new JsonArray(over.Select(i => (JsonNode)(i + 1)).ToArray()),
                ["peak"] = over.Max(i => weeks[i].TasksByCsm[csm]),
            });
        }
        return result;
    }

    /// <summary>"+1,240 emails and +310 tasks in 13 weeks; Dana Reyes over capacity in weeks 3–5".</summary>
    private static string Summary(ForecastPlan plan, WeeklyCounts candidate, WeeklyCounts baseline, JsonArray overloaded)
    {
        static string Signed(int n) => (n >= 0 ? "+" : "−") + Math.Abs(n).ToString("N0", CultureInfo.InvariantCulture);
        var text = $"{Signed(candidate.EmailsSent - baseline.EmailsSent)} emails and {Signed(candidate.Tasks - baseline.Tasks)} tasks in {plan.Weeks} week{(plan.Weeks == 1 ? "" : "s")}";
        var names = overloaded.Select(o => $"{o!["name"]} over capacity in {Weeks(o["weeks"]!.AsArray().Select(w => (int)w!).ToList())}").ToList();
        return names.Count == 0 ? text + "; no CSM over capacity" : text + "; " + string.Join(", ", names);
    }

    /// <summary>3,4,5,8 → "weeks 3–5, 8".</summary>
    private static string Weeks(List<int> weeks)
    {
        var runs = new List<string>();
        for (var i = 0; i < weeks.Count;)
        {
            var j = i;
            while (j + 1 < weeks.Count && weeks[j + 1] == weeks[j] + 1) j++;
            runs.Add(i == j ? $"{weeks[i]}" : $"{weeks[i]}–{weeks[j]}");
            i = j + 1;
        }
        return (weeks.Count == 1 ? "week " : "weeks ") + string.Join(", ", runs);
    }
}
