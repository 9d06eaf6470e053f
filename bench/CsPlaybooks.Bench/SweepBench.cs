using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Bench;

/// <summary>
/// --sweep: the daily trigger sweep over a large book. Every 10th account is a key account (a segment playbook enters
/// it), every 50th has its contract ending within 30 days (a contractDate playbook starts). The first sweep enrols those;
/// the second finds nothing new (the steady state of a daily run). Each enrolled instance then waits (a year-long timeout).
/// </summary>
public static class SweepBench
{
    public static async Task<(JsonObject Result, List<string> Problems)> RunAsync(IBenchTarget target, PlaybooksDb db, int n, string provider, Func<long> peakWorkingSet)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var soon = today.AddDays(20).ToString("yyyy-MM-dd");
        var later = today.AddYears(1).ToString("yyyy-MM-dd");
        var start = today.AddYears(-1).ToString("yyyy-MM-dd");
        var setup = Stopwatch.StartNew();
        await BenchAccounts.InsertAsync(db, n, i => new JsonObject
        {
            ["name"] = $"Bench account {BenchAccounts.Id(i)}", ["timeZone"] = "Europe/Berlin", ["tier"] = i % 10 == 0 ? "KA" : "ordinary",
            ["contract"] = new JsonObject { ["start"] = start, ["end"] = i % 50 == 0 ? soon : later, ["value"] = 12000, ["currency"] = "EUR" },
        });
        await target.PublishAsync(Playbook("bench-segment", """{ "type": "segment", "when": "account.tier == \"KA\"" }"""));
        await target.PublishAsync(Playbook("bench-renewal", """{ "type": "contractDate", "from": "end", "offset": "-P30D" }"""));
        if (provider == "postgres")
        {
            await using var context = db.Create();
            await context.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        Console.WriteLine($"setup: {n} accounts ({n / 10} key accounts, {n / 50} contracts ending within 30 days), two swept playbooks, in {setup.Elapsed.TotalSeconds:0.0} s");

        var result = new JsonObject();
        var problems = new List<string>();
        foreach (var (run, expected) in new[] { ("first", n / 10 + n / 50), ("second", 0) })
        {
            var cpu0 = target.ProductCpu();
            var clock = Stopwatch.StartNew();
            var (checkedCount, enrolled) = await target.SweepAsync();
            clock.Stop();
            var cpu = (target.ProductCpu() - cpu0).TotalSeconds;
            Console.WriteLine($"sweep ({run}): {checkedCount} accounts checked, {enrolled} enrolled in {clock.Elapsed.TotalSeconds:0.00} s; {cpu:0.0} s of product CPU");
            result[$"sweep{char.ToUpperInvariant(run[0])}{run[1..]}Seconds"] = Math.Round(clock.Elapsed.TotalSeconds, 2);
            result[$"sweep{char.ToUpperInvariant(run[0])}{run[1..]}Enrolled"] = enrolled;
            result[$"sweep{char.ToUpperInvariant(run[0])}{run[1..]}CpuSeconds"] = Math.Round(cpu, 1);
            if (checkedCount != n) problems.Add($"{run} sweep checked {checkedCount} accounts, expected {n}");
            if (enrolled != expected) problems.Add($"{run} sweep enrolled {enrolled}, expected {expected}");
        }
        await using (var context = db.Create())
        {
            var waiting = await context.Instances.AsNoTracking().CountAsync(i => i.Status == "running");
            result["waitingInstances"] = waiting;
            if (waiting != n / 10 + n / 50) problems.Add($"{waiting} instances waiting, expected {n / 10 + n / 50}");
        }
        result["peakWorkingSetMB"] = Math.Round(peakWorkingSet() / 1048576.0);
        return (result, problems);
    }

    private static string Playbook(string id, string trigger) => $$"""
        {
          "id": "{{id}}", "name": "Bench {{id}}", "version": 1, "trigger": {{trigger}},
          "steps": [
            { "id": "hold", "type": "waitForEvent", "event": "bench.never", "timeout": "P365D" },
            { "id": "done", "type": "end", "reason": "done" }
          ],
          "connections": [
            { "from": "hold", "outcome": "received", "to": "done" },
            { "from": "hold", "outcome": "timeout", "to": "done" }
          ]
        }
        """;
}
