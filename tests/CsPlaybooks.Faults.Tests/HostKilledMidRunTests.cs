using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Faults.Tests.Support;
using Xunit.Abstractions;
using static CsPlaybooks.Faults.Tests.Support.FaultPlaybooks;

namespace CsPlaybooks.Faults.Tests;

/// <summary>
/// (a) One host killed with SIGKILL at random moments, ten times, while 300 accounts go through
/// wait (5 s) → sendEmail → waitForEvent → end: timers fire, emails go out and each account's event is posted
/// (retried with the same id on connection errors) across the kills.
/// </summary>
public sealed class HostKilledMidRunTests(ITestOutputHelper output)
{
    private const int AccountCount = 300;
    private const int Kills = 10;

    [Fact]
    public async Task KilledTenTimes_EveryInstanceCompletes_EveryEmailArrivesUnderOneMessageId_EveryAcceptedEventDeliveredOnce()
    {
        var figures = new FaultFigures(output, "a-host-killed-mid-run");
        await using var env = await FaultEnvironment.CreateAsync();
        try
        {
            var host = await env.StartHostAsync("a-host", FaultEnvironment.ShortLeases);
            var ops = host.Client(timeout: TimeSpan.FromSeconds(10));
            var playbook = NewId("a");
            await PublishAsync(ops, Sequence(playbook, Wait("PT5S"), SendEmail(), WaitForEvent("account.opened")));
            var accounts = Enumerable.Range(0, AccountCount).Select(i => $"{playbook}-{i:000}").ToList();
            await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (a, _) => await CreateAccountAsync(ops, Account(a)));

            // Enrolment is not under fire: each instance's timer falls due 5 s after it starts, so the kills below land
            // while timers fire, emails go out and events arrive.
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (a, _) => await (await EnrolAsync(ops, playbook, a)).Expect(201));
            figures.Add("secondsToEnrol", Math.Round(clock.Elapsed.TotalSeconds, 1));

            var seed = Environment.TickCount;
            figures.Add("randomSeed", seed);
            var retries = new RetryCounter();
            var unexpected = new ConcurrentQueue<string>();
            var answered = new ConcurrentDictionary<string, int>();
            using var done = new CancellationTokenSource();
            var killer = KillRepeatedlyAsync(env, host, new Random(seed), clock, figures, done.Token);
            var events = PostEventsWhenWaitingAsync(env, ops, playbook, answered, unexpected, retries, done.Token);

            await Poll.Until(() => Task.FromResult(answered.Count), n => n == AccountCount || !unexpected.IsEmpty, "every account's event answered 2xx", TimeSpan.FromMinutes(4));
            var kills = await killer;
            await Poll.Until(() => env.CountAsync($"select count(*) from instances where playbook_id = '{playbook}' and status = 'completed'"),
                n => n == AccountCount, "every instance to complete", TimeSpan.FromMinutes(2));
            await Poll.Until(() => env.CountAsync($"select count(*) from outbox o join instances i on i.id = o.instance_id where i.playbook_id = '{playbook}' and o.state = 'sent'"),
                n => n == AccountCount, "every email to be recorded sent", TimeSpan.FromMinutes(2));
            done.Cancel();
            await events;
            figures.Add("secondsToCompleteEverything", Math.Round(clock.Elapsed.TotalSeconds, 1));
            figures.Add("clientRetriesAfterConnectionErrors", retries.Count);
            figures.Add("hostReadySecondsPerStart", host.ReadySeconds);
            Assert.Empty(unexpected);
            Assert.True(kills >= 10, $"only {kills} kills happened");

            // Every instance: one per account, completed, its timer fired once and its event resumed it once.
            Assert.Equal(AccountCount, await env.CountAsync($"select count(distinct account_id) from instances where playbook_id = '{playbook}'"));
            Assert.Equal(AccountCount, await env.CountAsync($"select count(*) from instances where playbook_id = '{playbook}'"));
            var resumes = await env.PairsAsync($"select j.step_id, count(*) from journal j join instances i on i.id = j.instance_id where i.playbook_id = '{playbook}' and j.kind = 'step.resumed' group by j.step_id");
            figures.Add("resumesPerStep", resumes.ToDictionary(r => r.A, r => long.Parse(r.B)));
            Assert.Equal(AccountCount, await env.CountAsync($"select count(distinct j.instance_id) from journal j join instances i on i.id = j.instance_id where i.playbook_id = '{playbook}' and j.kind = 'step.resumed' and j.step_id = 'settle'"));
            Assert.Equal(AccountCount, resumes.Where(r => r.A == "settle").Select(r => long.Parse(r.B)).SingleOrDefault());
            Assert.Equal(AccountCount, resumes.Where(r => r.A == "wait-event").Select(r => long.Parse(r.B)).SingleOrDefault());

            // Every event answered 2xx: stored once, processed, delivered to exactly one instance once.
            Assert.Equal(AccountCount, await env.CountAsync($"select count(*) from events where id like 'opened-{playbook}-%' and processed_at is not null"));
            Assert.Equal(AccountCount, await env.CountAsync($"select count(*) from event_deliveries where event_id like 'opened-{playbook}-%'"));
            Assert.Equal(AccountCount, await env.CountAsync($"select count(distinct event_id) from event_deliveries where event_id like 'opened-{playbook}-%'"));

            // Every account's email reached the SMTP server, always under one Message-ID; resends are counted.
            var arrivals = env.Smtp.Arrivals().Where(m => m.To.StartsWith(playbook.ToLowerInvariant())).ToList();
            var email = EmailFigures.Measure(figures, arrivals, accounts.Select(AddressOf).ToList());
            var stored = await env.PairsAsync($"select state, count(*) from emails where account_id like '{playbook}-%' group by state");
            figures.Add("emailStates", stored.ToDictionary(r => r.A, r => long.Parse(r.B)));
            var resends = figures.Add("resendsCountedByHost", await env.CountAsync($"select coalesce(sum(resends), 0) from emails where account_id like '{playbook}-%'"));
            Assert.Equal(0, email.Lost);
            Assert.Equal(0, email.AddressesWithSeveralMessageIds);
            Assert.Equal(AccountCount, await env.CountAsync($"select count(*) from emails where account_id like '{playbook}-%' and state = 'sent'"));
            Assert.True(resends >= email.Duplicates, $"{email.Duplicates} duplicate arrivals but only {resends} resends counted");
            await EmailFigures.AssertMessageIdsMatchAsync(env, arrivals, $"account_id like '{playbook}-%'");
        }
        finally
        {
            figures.Save();
        }
    }

    /// <summary>Kills the host at random moments (1–3 s after it is ready), restarts it, and records where the run was each time.</summary>
    private static async Task<int> KillRepeatedlyAsync(FaultEnvironment env, HostProcess host, Random random, Stopwatch clock, FaultFigures figures, CancellationToken ct)
    {
        var log = new List<object>();
        for (var i = 0; i < Kills && !ct.IsCancellationRequested; i++)
        {
            await Task.Delay(random.Next(1000, 3000), CancellationToken.None);
            await host.KillAsync();
            log.Add(new
            {
                at = Math.Round(clock.Elapsed.TotalSeconds, 1),
                instances = await env.CountAsync("select count(*) from instances"),
                waitingForEvent = await env.CountAsync("select count(*) from bookmarks where event_name is not null"),
                completed = await env.CountAsync("select count(*) from instances where status = 'completed'"),
                emailsArrived = env.Smtp.Arrivals().Count,
            });
            await Task.Delay(random.Next(0, 400), CancellationToken.None);
            await host.StartAsync();
        }
        figures.Add("kills", host.Kills);
        figures.Add("killLog", log);
        return host.Kills;
    }

    /// <summary>
    /// Posts account.opened (id opened-&lt;account&gt;) for each account whose instance waits for it, until each is answered
    /// 2xx; a cut connection is retried with the same id (answered 200 "duplicate" when the first try was stored).
    /// </summary>
    private static async Task PostEventsWhenWaitingAsync(FaultEnvironment env, HttpClient ops, string playbook, ConcurrentDictionary<string, int> answered,
        ConcurrentQueue<string> unexpected, RetryCounter retries, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested && answered.Count < AccountCount)
        {
            var waiting = await env.PairsAsync("select i.account_id, b.step_id from bookmarks b join instances i on i.id = b.instance_id " +
                $"where i.playbook_id = '{playbook}' and b.event_name = 'account.opened'");
            await Parallel.ForEachAsync(waiting.Select(w => w.A).Where(a => !answered.ContainsKey(a)), new ParallelOptions { MaxDegreeOfParallelism = 4 }, async (account, _) =>
            {
                var body = new JsonObject { ["id"] = $"opened-{account}", ["name"] = "account.opened", ["accountId"] = account };
                var response = await Api.Persistently(() => ops.PostJson("/api/events", body), retries);
                if ((int)response.StatusCode is 200 or 202) answered[account] = (int)response.StatusCode;
                else unexpected.Enqueue($"event for {account}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            });
            await Task.Delay(200, CancellationToken.None);
        }
    }
}
