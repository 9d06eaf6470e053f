using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Simulation;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Scheduling;
using CsPlaybooks.Success.Accounts;
using CsPlaybooks.Success.Email;
using CsPlaybooks.Success.Health;
using CsPlaybooks.Success.Simulation;

/// <summary>
/// Forecast mode: a synthetic book of N accounts (tiers, stages, contract dates and zones spread out) through the five
/// shipped playbooks with <see cref="BookForecast"/>, accounts in memory (the host reads them once; no database work
/// per simulated step). Two figures, three runs each: a 13-week forecast (candidate and published, so two lifecycle
/// runs per account) and one year of the five playbooks (one run per account).
/// </summary>
internal static class ForecastBench
{
    public static void Run(IReadOnlyList<CompiledPlaybook> playbooks, int accounts)
    {
        var forecast = new BookForecast(new PlaybookSimulator(new PlaybookInterpreter(), new QuartzCronSchedule()),
            new SimulationWorlds(new EmailGovernance(new EmailGovernanceOptions()), new HealthCalculator(new HealthOptions())));
        var start = new DateTimeOffset(2026, 3, 2, 8, 0, 0, TimeSpan.Zero);
        var book = Book(accounts, start);
        var csms = new Dictionary<string, string> { ["csm-1"] = "Casey Chen", ["csm-2"] = "Dana Reyes" };
        Console.WriteLine($"forecast mode: {accounts:N0} accounts, {playbooks.Count} playbooks, {Environment.ProcessorCount} cores, 3 runs each after one warm-up of 200 accounts");
        Console.WriteLine("| run | what | min s | median s | max s |");
        Console.WriteLine("|---|---|---:|---:|---:|");
        forecast.Run(new ForecastPlan("win-back", playbooks, playbooks, start, 13, SimulationRequest.DefaultSweepCron, 25, csms, null), book.Take(200).ToList(), null, CancellationToken.None);
        Measure("forecast, 13 weeks, candidate and published", () => forecast.Run(
            new ForecastPlan("win-back", playbooks, playbooks, start, 13, SimulationRequest.DefaultSweepCron, 25, csms, null), book, null, CancellationToken.None));
        Measure("one year of the five playbooks", () => forecast.Run(
            new ForecastPlan("win-back", playbooks, [], start, 53, SimulationRequest.DefaultSweepCron, 25, csms, null), book, null, CancellationToken.None));
    }

    private static void Measure(string what, Func<ForecastCounts> run)
    {
        var times = new List<double>();
        ForecastCounts? counts = null;
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            counts = run();
            times.Add(watch.Elapsed.TotalSeconds);
        }
        times.Sort();
        var c = counts!.Candidate;
        Console.WriteLine($"| {what} | {c.Sum(w => w.Enrolments.Values.Sum()):N0} enrolments, {c.Sum(w => w.EmailsSent):N0} emails, {c.Sum(w => w.Tasks):N0} tasks | {times[0]:0.00} | {times[1]:0.00} | {times[2]:0.00} |");
    }

    /// <summary>Accounts as a CRM would hold them: a third each KA / ordinary / micro, stages across the lifecycle, contracts starting across a year.</summary>
    private static List<AccountDocument> Book(int count, DateTimeOffset start)
    {
        string[] tiers = ["KA", "ordinary", "micro"], stages = ["onboarding", "growth", "growth", "renewal", "at-risk"], zones = ["Europe/Berlin", "America/New_York", "Asia/Tokyo"];
        var book = new List<AccountDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var contractStart = DateOnly.FromDateTime(start.UtcDateTime).AddDays(-(i % 365));
            book.Add(AccountDocument.Read($"acc-{i:D5}", new JsonObject
            {
                ["name"] = $"Account {i}", ["tier"] = tiers[i % 3], ["stage"] = stages[i % 5], ["timeZone"] = zones[i % 3], ["industry"] = "retail",
                ["csmId"] = i % 2 == 0 ? "csm-1" : "csm-2",
                ["csm"] = new JsonObject { ["id"] = i % 2 == 0 ? "csm-1" : "csm-2", ["name"] = "CSM", ["email"] = "csm@vendor.example" },
                ["contract"] = new JsonObject { ["start"] = contractStart.ToString("yyyy-MM-dd"), ["end"] = contractStart.AddYears(1).ToString("yyyy-MM-dd") },
                ["health"] = new JsonObject { ["score"] = 40 + i % 60, ["band"] = i % 4 == 0 ? "red" : "green" },
                ["contacts"] = new JsonArray(
                    new JsonObject { ["id"] = "dm", ["name"] = "Dana", ["email"] = $"dana@a{i}.example", ["role"] = "decision-maker" },
                    new JsonObject { ["id"] = "pl", ["name"] = "Pat", ["email"] = $"pat@a{i}.example", ["role"] = "project-lead" }),
            }).Account!);
        }
        return book;
    }
}
