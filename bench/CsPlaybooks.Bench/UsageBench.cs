using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Health;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Success.Health;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Bench;

/// <summary>
/// --usage: every account's last D days of usage through the batch usage path (UsageService.RecordManyAsync, or
/// POST /api/usage over HTTP), calls of --batch-size facts (whole accounts), 4 callers. Each call returns once its facts
/// are stored and every account in it rescored (health in the document and its indexed columns, the health history
/// row, any health.changed / usage.dropped event). Reports facts/s and CPU per fact.
/// </summary>
public static class UsageBench
{
    public static async Task<(JsonObject Result, List<string> Problems)> RunAsync(IBenchTarget target, PlaybooksDb db, int n, int days, int factsPerCall, string provider, StatementStats? statements)
    {
        var setup = Stopwatch.StartNew();
        await BenchAccounts.InsertAsync(db, n, i => new JsonObject
        {
            ["name"] = $"Bench account {BenchAccounts.Id(i)}", ["timeZone"] = "Europe/Berlin", ["tier"] = "ordinary", ["seats"] = 40,
        });
        if (provider == "postgres")
        {
            await using var context = db.Create();
            await context.Database.ExecuteSqlRawAsync("ANALYZE");
        }
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var usage = Enumerable.Range(1, n).Select(i => new AccountUsage(BenchAccounts.Id(i), Enumerable.Range(1, days)
            .Select(d => new UsageFact(today.AddDays(-d), 5 + (i + d) % 30, 100 + d, 50 + i % 7, ["editor", "export"], 1000 + i)).ToList())).ToList();
        var calls = usage.Chunk(Math.Max(1, factsPerCall / days)).ToArray();
        Console.WriteLine($"setup: {n} accounts in {setup.Elapsed.TotalSeconds:0.0} s; {n * days} facts ({days} days each) in {calls.Length} calls of {calls[0].Length} accounts");

        var facts = (double)n * days;
        if (statements is not null) await statements.StartAsync();
        var cpu0 = target.ProductCpu();
        var clock = Stopwatch.StartNew();
        var next = -1;
        var failures = 0;
        await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < calls.Length)
            {
                try
                {
                    await target.PostUsageAsync(calls[i]);
                }
                catch (Exception e)
                {
                    if (Interlocked.Increment(ref failures) <= 5) Console.Error.WriteLine($"failure: {e.GetType().Name}: {e.Message}");
                }
            }
        })));
        clock.Stop();
        var cpuMs = (target.ProductCpu() - cpu0).TotalMilliseconds;
        if (statements is not null) await statements.PrintAndResetAsync("usage");
        var rate = facts / clock.Elapsed.TotalSeconds;
        Console.WriteLine($"usage: {facts:0} facts of {n} accounts in {clock.Elapsed.TotalSeconds:0.00} s = {rate:0} facts/s ({n / clock.Elapsed.TotalSeconds:0} accounts/s); " +
                          $"{cpuMs / facts:0.000} ms CPU per fact, {cpuMs / n:0.00} ms per account");

        var problems = new List<string>();
        await using (var context = db.Create())
        {
            void Expect(string what, long actual, long expected)
            {
                var ok = actual == expected;
                Console.WriteLine($"  {(ok ? "ok  " : "FAIL")} {what}: {actual} (expected {expected})");
                if (!ok) problems.Add($"{what}: {actual}, expected {expected}");
            }
            Console.WriteLine("verification:");
            Expect("usage facts stored", await context.UsageFacts.AsNoTracking().CountAsync(), n * (long)days);
            Expect("health history rows (one period per account)", await context.HealthHistory.AsNoTracking().CountAsync(), n);
            Expect("accounts with a health band column", await context.Accounts.AsNoTracking().CountAsync(a => a.HealthBand != null), n);
            Expect("accounts whose document has health", await context.Accounts.AsNoTracking().CountAsync(a => a.Json.Contains("\"health\"")), n);
            Expect("failed calls", failures, 0);
        }
        return (new JsonObject
        {
            ["usageFacts"] = facts, ["usageDays"] = days, ["usageFactsPerSecond"] = Math.Round(rate, 1), ["usageAccountsPerSecond"] = Math.Round(n / clock.Elapsed.TotalSeconds, 1),
            ["cpuMsPerFact"] = Math.Round(cpuMs / facts, 3), ["cpuMsPerAccount"] = Math.Round(cpuMs / n, 3),
        }, problems);
    }
}
