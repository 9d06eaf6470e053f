using System.Diagnostics;
using System.Text.Json.Nodes;
using CsPlaybooks.Faults.Tests.Support;
using Xunit.Abstractions;
using static CsPlaybooks.Faults.Tests.Support.FaultPlaybooks;

namespace CsPlaybooks.Faults.Tests;

/// <summary>
/// (b) Two hosts on one PostgreSQL, 1,000 timers due within seconds of each other, each leading to one email; one host
/// is killed with SIGKILL while the emails go out and is not restarted.
/// </summary>
public sealed class TwoHostsOneKilledTests(ITestOutputHelper output)
{
    private const int AccountCount = 1000;
    /// <summary>Time allowed for 1,000 enrolments through both hosts before the timers fall due (13 s measured on a busy 2-core machine); any enrolled later fires at once.</summary>
    private static readonly TimeSpan EnrolmentBudget = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task OneOfTwoKilledWhileSending_EveryTimerFiresOnce_EveryEmailArrives_SurvivorTakesOverWithinTheLease()
    {
        var figures = new FaultFigures(output, "b-two-hosts-one-killed");
        await using var env = await FaultEnvironment.CreateAsync();
        try
        {
            var (victim, survivor) = (env.NewHost("b-victim", FaultEnvironment.ShortLeases), env.NewHost("b-survivor", FaultEnvironment.ShortLeases));
            await Task.WhenAll(victim.StartAsync(), survivor.StartAsync());
            var (a, b) = (victim.Client(timeout: TimeSpan.FromSeconds(60)), survivor.Client(timeout: TimeSpan.FromSeconds(60)));
            var playbook = NewId("b");
            await PublishAsync(a, Sequence(playbook, WaitUntil("variables.fireAt"), SendEmail()));
            var accounts = Enumerable.Range(0, AccountCount).Select(i => $"{playbook}-{i:0000}").ToList();
            var clock = Stopwatch.StartNew();
            await Parallel.ForEachAsync(accounts.Chunk(100).Select((chunk, i) => (chunk, client: i % 2 == 0 ? a : b)), new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (x, _) => await (await x.client.PostJson("/api/accounts/import", new JsonArray(x.chunk.Select(id => (JsonNode)Account(id)).ToArray()))).Expect(200, 201));
            figures.Add("secondsToImportAccounts", Math.Round(clock.Elapsed.TotalSeconds, 1));

            // Every timer is due at the same instant, far enough ahead for all enrolments to be in before it.
            clock.Restart();
            var fireAt = DateTimeOffset.UtcNow + EnrolmentBudget;
            await Parallel.ForEachAsync(accounts.Select((id, i) => (id, client: i % 2 == 0 ? a : b)), new ParallelOptions { MaxDegreeOfParallelism = 8 },
                async (x, _) => await (await x.client.PostJson($"/api/playbooks/{playbook}/enrolments",
                    new JsonObject { ["accountId"] = x.id, ["input"] = new JsonObject { ["fireAt"] = fireAt.ToString("O") } })).Expect(201));
            figures.Add("secondsToEnrol", Math.Round(clock.Elapsed.TotalSeconds, 1));
            var pending = await env.PairsAsync($"select count(*), coalesce(extract(epoch from max(b.due_at) - min(b.due_at)), -1)::int from bookmarks b join instances i on i.id = b.instance_id where i.playbook_id = '{playbook}' and b.due_at is not null");
            figures.Add("timersPendingBeforeDue", long.Parse(pending[0].A));
            figures.Add("timersDueWithinSeconds", long.Parse(pending[0].B));
            figures.Add("enrolledAfterTheDueInstant", await env.CountAsync($"select count(*) from instances where playbook_id = '{playbook}' and created_at > '{fireAt:O}'"));

            // Kill the victim once sending is well under way, while it holds claims.
            await Poll.Until(() => Task.FromResult(env.Smtp.Arrivals().Count), n => n >= 150, "sending to be under way", TimeSpan.FromMinutes(2));
            var victimNode = $"%-{victim.ProcessId}-%";
            await victim.KillAsync();
            var killedAt = Stopwatch.StartNew();
            figures.Add("emailsArrivedBeforeKill", env.Smtp.Arrivals().Count);
            var strandedOutbox = await env.PairsAsync($"select id, kind from outbox where state = 'pending' and claimed_by like '{victimNode}' and claimed_until > now()");
            var strandedTimers = await env.PairsAsync($"select id, step_id from bookmarks where claimed_by like '{victimNode}' and claimed_until > now()");
            figures.Add("strandedOutboxClaims", strandedOutbox.Count);
            figures.Add("strandedTimerClaims", strandedTimers.Count);

            var outboxIds = strandedOutbox.Count == 0 ? "null" : string.Join(",", strandedOutbox.Select(r => $"'{r.A}'"));
            var timerIds = strandedTimers.Count == 0 ? "null" : string.Join(",", strandedTimers.Select(r => $"'{r.A}'"));
            await Poll.Until(async () => await env.CountAsync($"select count(*) from outbox where id in ({outboxIds}) and state = 'pending'")
                    + await env.CountAsync($"select count(*) from bookmarks where id::text in ({timerIds})"),
                n => n == 0, "the survivor to finish what the victim had claimed", FaultEnvironment.Lease + TimeSpan.FromSeconds(30));
            var takeover = figures.Add("secondsUntilStrandedClaimsDone", Math.Round(killedAt.Elapsed.TotalSeconds, 1));
            figures.Add("leaseSeconds", FaultEnvironment.Lease.TotalSeconds);

            await Poll.Until(() => env.CountAsync($"select count(*) from outbox o join instances i on i.id = o.instance_id where i.playbook_id = '{playbook}' and o.state = 'sent'"),
                n => n == AccountCount, "every email to be recorded sent", TimeSpan.FromMinutes(3));
            figures.Add("secondsAfterKillUntilAllSent", Math.Round(killedAt.Elapsed.TotalSeconds, 1));

            // Every timer fired once: one resumption of the wait per instance, none left, every instance completed.
            Assert.Equal(0, await env.CountAsync($"select count(*) from bookmarks b join instances i on i.id = b.instance_id where i.playbook_id = '{playbook}'"));
            Assert.Equal(AccountCount, await env.CountAsync($"select count(*) from instances where playbook_id = '{playbook}' and status = 'completed'"));
            var fired = await env.CountAsync($"select count(*) from journal j join instances i on i.id = j.instance_id where i.playbook_id = '{playbook}' and j.kind = 'step.resumed' and j.step_id = 'settle'");
            figures.Add("timerResumptions", fired);
            Assert.Equal(AccountCount, fired);
            Assert.Equal(AccountCount, await env.CountAsync($"select count(distinct j.instance_id) from journal j join instances i on i.id = j.instance_id where i.playbook_id = '{playbook}' and j.kind = 'step.resumed' and j.step_id = 'settle'"));

            // Every email arrived, one Message-ID each; what arrived twice was a counted resend.
            var arrivals = env.Smtp.Arrivals();
            var email = EmailFigures.Measure(figures, arrivals, accounts.Select(AddressOf).ToList());
            var resends = figures.Add("resendsCountedByHost", await env.CountAsync($"select coalesce(sum(resends), 0) from emails where account_id like '{playbook}-%'"));
            Assert.Equal(0, email.Lost);
            Assert.Equal(AccountCount, email.DistinctMessageIds);
            Assert.Equal(0, email.AddressesWithSeveralMessageIds);
            Assert.True(resends >= email.Duplicates, $"{email.Duplicates} duplicate arrivals but only {resends} resends counted");
            await EmailFigures.AssertMessageIdsMatchAsync(env, arrivals, $"account_id like '{playbook}-%'");
            Assert.True(takeover <= (FaultEnvironment.Lease + TimeSpan.FromSeconds(15)).TotalSeconds,
                $"the survivor needed {takeover} s to finish the victim's claims (lease {FaultEnvironment.Lease.TotalSeconds} s)");
        }
        finally
        {
            figures.Save();
        }
    }
}
