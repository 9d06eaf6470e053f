using System.Text.Json.Nodes;
using CsPlaybooks.Faults.Tests.Support;
using Xunit.Abstractions;
using static CsPlaybooks.Faults.Tests.Support.FaultPlaybooks;

namespace CsPlaybooks.Faults.Tests;

/// <summary>(c) and (g): the SMTP server down, then back, with the host running throughout.</summary>
public sealed class SmtpOutageTests(ITestOutputHelper output)
{
    [Fact]
    public async Task SmtpDownThenBack_WaitingStateVisibleMeanwhile_EveryEmailDeliveredOnceAfter()
    {
        const int count = 20;
        var figures = new FaultFigures(output, "c-smtp-down-then-back");
        await using var env = await FaultEnvironment.CreateAsync(smtpRunning: false);
        try
        {
            var host = await env.StartHostAsync("c-host");
            var ops = host.Client();
            var (playbook, accounts, instances) = await EnrolMailingAsync(ops, "c", count);

            var waiting = await Poll.Until(() => ops.GetJson($"/api/emails?instanceId={instances[0]}"),
                l => Items(l).Count == 1 && (int)Items(l)[0]["attempts"]! >= 2 && (string)Items(l)[0]["state"]! == "queued", "the first email to fail twice", TimeSpan.FromSeconds(60));
            var emails = await Poll.Until(() => ops.GetJson($"/api/emails?take=500"),
                l => Items(l).Count(e => (string)e["accountId"]! is var a && a.StartsWith(playbook)) == count, "every email to be recorded", TimeSpan.FromSeconds(60));
            var mine = Items(emails).Where(e => ((string)e["accountId"]!).StartsWith(playbook)).ToList();
            figures.Add("emailStatesDuringOutage", mine.GroupBy(e => (string)e["state"]!).ToDictionary(g => g.Key, g => g.Count()));
            var email = Items(waiting)[0];
            figures.Add("emailReasonDuringOutage", (string?)email["reason"]);
            Assert.Equal("queued", (string)email["state"]!);
            Assert.False(string.IsNullOrWhiteSpace((string?)email["reason"]), "the email should say why it is waiting");
            // queued between attempts, sending during one; never sent, failed or deferred while the server is down
            Assert.All(mine, e => Assert.True((string)e["state"]! is "queued" or "sending", $"{e["accountId"]}: {e["state"]} {e["reason"]}"));

            var instance = await ops.GetJson($"/api/instances/{instances[0]}");
            var outbox = instance["outbox"]!.AsArray().Single()!;
            figures.Add("instanceOutboxDuringOutage", outbox.ToJsonString());
            Assert.Equal("running", (string)instance["status"]!);
            Assert.Equal("pending", (string)outbox["state"]!);
            Assert.True((int)outbox["attempts"]! >= 2);
            Assert.False(string.IsNullOrWhiteSpace((string?)outbox["lastError"]), "the instance should show the last delivery error");
            Assert.Empty(env.Smtp.Arrivals());

            await env.Smtp.StartAsync();
            await WaitAllSentAsync(env, playbook, count);
            var arrivals = env.Smtp.Arrivals();
            var measured = EmailFigures.Measure(figures, arrivals, accounts.Select(AddressOf).ToList());
            Assert.Equal(0, measured.Lost);
            Assert.Equal(count, measured.Arrivals);
            Assert.Equal(count, (int)(await ops.GetJson($"/api/emails?state=sent&take=500"))["total"]!);
            await EmailFigures.AssertMessageIdsMatchAsync(env, arrivals, $"account_id like '{playbook}-%'");
        }
        finally
        {
            figures.Save();
        }
    }

    [Fact]
    public async Task SmtpDownLongerThanEightAttempts_ThenBack_EveryEmailDeliveredOnceWithoutManualRetry()
    {
        const int count = 10;
        var figures = new FaultFigures(output, "g-smtp-down-past-attempt-budget");
        await using var env = await FaultEnvironment.CreateAsync(smtpRunning: false);
        try
        {
            // Back-off 0.2 s doubling to 0.5 s: eight attempts (the old budget) are spent in about 3 s; transient
            // failures keep retrying for RetryFor (10 min here, 48 h by default).
            var host = await env.StartHostAsync("g-host", new Dictionary<string, string>
            {
                ["Outbox:FirstBackoff"] = "00:00:00.200", ["Outbox:MaxBackoff"] = "00:00:00.500", ["Outbox:RetryFor"] = "00:10:00",
            });
            var ops = host.Client();
            var (playbook, accounts, _) = await EnrolMailingAsync(ops, "g", count);

            var attempts = await Poll.Until(() => env.PairsAsync($"select o.state, o.attempts from outbox o join instances i on i.id = o.instance_id where i.playbook_id = '{playbook}'"),
                rows => rows.Count == count && (rows.All(r => int.Parse(r.B) >= 12) || rows.Any(r => r.A != "pending")),
                "every email to pass twelve failed attempts (or to give up)", TimeSpan.FromSeconds(90), rows => string.Join(", ", rows));
            figures.Add("outboxDuringOutage", attempts.Select(r => $"{r.A}/{r.B}").ToList());
            var failed = await env.PairsAsync($"select state, coalesce(reason, '') from emails where account_id like '{playbook}-%' and state <> 'queued'");
            figures.Add("emailsGivenUpDuringOutage", failed.Count);
            Assert.True(failed.Count == 0, $"emails gave up during a transient outage: {string.Join("; ", failed.Take(3))}");
            Assert.All(attempts, r => Assert.Equal("pending", r.A));
            Assert.Equal(0, await env.CountAsync($"select count(*) from incidents x join instances i on i.id = x.instance_id where i.playbook_id = '{playbook}'"));

            await env.Smtp.StartAsync();
            await WaitAllSentAsync(env, playbook, count);
            var arrivals = env.Smtp.Arrivals();
            var measured = EmailFigures.Measure(figures, arrivals, accounts.Select(AddressOf).ToList());
            figures.Add("maxAttemptsPerEmail", await env.CountAsync($"select max(attempts) from emails where account_id like '{playbook}-%'"));
            Assert.Equal(0, measured.Lost);
            Assert.Equal(count, measured.Arrivals);
            await EmailFigures.AssertMessageIdsMatchAsync(env, arrivals, $"account_id like '{playbook}-%'");
        }
        finally
        {
            figures.Save();
        }
    }

    /// <summary>sendEmail → waitForEvent, so the instance stays running while its email waits.</summary>
    private static async Task<(string Playbook, List<string> Accounts, List<Guid> Instances)> EnrolMailingAsync(HttpClient ops, string prefix, int count)
    {
        var playbook = NewId(prefix);
        await PublishAsync(ops, Sequence(playbook, SendEmail(), WaitForEvent("account.opened")));
        var accounts = Enumerable.Range(0, count).Select(i => $"{playbook}-{i:00}").ToList();
        var instances = new List<Guid>();
        foreach (var account in accounts)
        {
            await CreateAccountAsync(ops, Account(account));
            var body = await (await EnrolAsync(ops, playbook, account)).Expect(201);
            instances.Add(Guid.Parse((string)body["instanceId"]!));
        }
        return (playbook, accounts, instances);
    }

    private static Task WaitAllSentAsync(FaultEnvironment env, string playbook, int count) =>
        Poll.Until(() => env.CountAsync($"select count(*) from outbox o join instances i on i.id = o.instance_id where i.playbook_id = '{playbook}' and o.state = 'sent'"),
            n => n == count, "every email to be delivered once SMTP is back", TimeSpan.FromSeconds(90));

    private static List<JsonNode> Items(JsonNode list) => list["items"]!.AsArray().Select(i => i!).ToList();
}
