using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Faults.Tests.Support;
using Xunit.Abstractions;
using static CsPlaybooks.Faults.Tests.Support.FaultPlaybooks;

namespace CsPlaybooks.Faults.Tests;

/// <summary>
/// (f) The batch paths under SIGKILL: enrolments (POST /api/playbooks/{id}/enrolments/batch) and usage (POST /api/usage)
/// posted in batches, each call retried whole on a cut connection, over and over until the host has been killed three
/// times. A batch commits in one transaction or not at all, so each account is enrolled once, each timer fires once,
/// each fact is stored once and each account's health is scored, with one health.changed event.
/// </summary>
public sealed class BatchesKilledMidRunTests(ITestOutputHelper output)
{
    private const int AccountCount = 300;
    private const int PerCall = 25;
    private const int Kills = 3;
    private static readonly string[] Days = ["2026-03-02", "2026-03-03", "2026-03-04", "2026-03-05"];

    [Fact]
    public async Task KilledDuringBatches_EachAccountEnrolledOnce_EachTimerFiredOnce_EachFactStoredAndScored()
    {
        var figures = new FaultFigures(output, "f-batches-killed");
        await using var env = await FaultEnvironment.CreateAsync();
        try
        {
            var host = await env.StartHostAsync("f-host", FaultEnvironment.ShortLeases);
            var ops = host.Client(timeout: TimeSpan.FromSeconds(20));
            var playbook = NewId("f");
            await PublishAsync(ops, Sequence(playbook, Wait("PT3S")));
            var accounts = Enumerable.Range(0, AccountCount).Select(i => $"{playbook}-{i:000}").ToList();
            await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (a, _) => await CreateAccountAsync(ops, Account(a)));

            var clock = Stopwatch.StartNew();
            var retries = new RetryCounter();
            var rounds = 0;
            var started = 0;
            using var done = new CancellationTokenSource();
            var killer = KillRepeatedlyAsync(host, done.Token);
            while (rounds == 0 || !killer.IsCompleted)
            {
                foreach (var call in accounts.Chunk(PerCall))
                {
                    var enrolments = new JsonObject { ["enrolments"] = new JsonArray(call.Select(a => (JsonNode)new JsonObject { ["accountId"] = a, ["idempotencyKey"] = $"enrol-{a}" }).ToArray()) };
                    var answer = await (await Api.Persistently(() => ops.PostJson($"/api/playbooks/{playbook}/enrolments/batch", enrolments), retries)).Expect(200);
                    Assert.All(answer["results"]!.AsArray(), r => Assert.Contains((string)r!["status"]!, new[] { "started", "skipped" }));
                    started += (int)answer["started"]!;

                    var usage = new JsonArray(call.SelectMany(a => Days.Select(d => (JsonNode)new JsonObject
                        { ["accountId"] = a, ["date"] = d, ["activeUsers"] = 7, ["materialInput"] = 10, ["contentOutput"] = 5, ["apiCalls"] = 3 })).ToArray());
                    var report = await (await Api.Persistently(() => ops.PostJson("/api/usage", usage), retries)).Expect(200);
                    Assert.Equal(call.Length * Days.Length, (int)report["accepted"]!);
                }
                rounds++;
            }
            var kills = await killer;
            figures.Add("rounds", rounds);
            figures.Add("kills", kills);
            figures.Add("clientRetriesAfterConnectionErrors", retries.Count);
            figures.Add("startedAnswers", started);

            await Poll.Until(() => env.CountAsync($"select count(*) from instances where playbook_id = '{playbook}' and status = 'completed'"),
                n => n == AccountCount, "every instance to complete", TimeSpan.FromMinutes(2));
            figures.Add("secondsToCompleteEverything", Math.Round(clock.Elapsed.TotalSeconds, 1));
            Assert.True(kills >= Kills, $"only {kills} kills happened");
            Assert.True(started <= AccountCount, $"{started} enrolments answered 'started' for {AccountCount} accounts");

            Assert.Equal(AccountCount, await env.CountAsync($"select count(*) from instances where playbook_id = '{playbook}'"));
            Assert.Equal(AccountCount, await env.CountAsync($"select count(distinct account_id) from instances where playbook_id = '{playbook}'"));
            Assert.Equal(AccountCount, await env.CountAsync($"select count(*) from journal j join instances i on i.id = j.instance_id where i.playbook_id = '{playbook}' and j.kind = 'step.resumed' and j.step_id = 'settle'"));
            Assert.Equal(AccountCount * Days.Length, await env.CountAsync($"select count(*) from usage_facts where account_id like '{playbook}-%'"));
            Assert.Equal(AccountCount, await env.CountAsync($"select count(*) from health_history where account_id like '{playbook}-%'"));
            Assert.Equal(AccountCount, await env.CountAsync($"select count(*) from accounts where id like '{playbook}-%' and health_band is not null"));
            Assert.Equal(AccountCount, await env.CountAsync($"select count(*) from events where account_id like '{playbook}-%' and name = 'health.changed'"));
        }
        finally
        {
            figures.Save();
        }
    }

    /// <summary>Kills the host 1–2 s after each start, <see cref="Kills"/> times, and leaves it running.</summary>
    private static async Task<int> KillRepeatedlyAsync(HostProcess host, CancellationToken ct)
    {
        var random = new Random();
        for (var i = 0; i < Kills && !ct.IsCancellationRequested; i++)
        {
            await Task.Delay(random.Next(1000, 2000), CancellationToken.None);
            await host.KillAsync();
            await Task.Delay(random.Next(0, 300), CancellationToken.None);
            await host.StartAsync();
        }
        return host.Kills;
    }
}
