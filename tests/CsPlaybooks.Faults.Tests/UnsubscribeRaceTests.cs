using System.Text.Json.Nodes;
using CsPlaybooks.Faults.Tests.Support;
using Xunit.Abstractions;
using static CsPlaybooks.Faults.Tests.Support.FaultPlaybooks;

namespace CsPlaybooks.Faults.Tests;

/// <summary>
/// (f) A customer unsubscribes (POST on the link from the email, through one host) at the moment a playbook writes the
/// same account (a burst on the other host): neither write may undo the other. No unsubscribe key is configured: the
/// link signed by one host verifies on the other through the key the cluster shares in its database.
/// </summary>
public sealed class UnsubscribeRaceTests(ITestOutputHelper output)
{
    private const int AccountCount = 30;

    [Fact]
    public async Task UnsubscribeAndPlaybookWriteAtOnce_UnsubscribeSurvives_AndSoDoesTheWrite()
    {
        var figures = new FaultFigures(output, "f-unsubscribe-vs-playbook-write");
        await using var env = await FaultEnvironment.CreateAsync();
        try
        {
            var (writer, customerSide) = (env.NewHost("f-host-a"), env.NewHost("f-host-b"));
            await Task.WhenAll(writer.StartAsync(), customerSide.StartAsync());
            var (a, b) = (writer.Client(), customerSide.Client(apiKey: null));
            var playbook = NewId("f");
            await PublishAsync(a, Sequence(playbook, SendEmail("digital-touch"), WaitForEvent("account.opened"),
                SetField("note", "onboarding.opened", "yes"), SetField("score", "onboarding.score", "7")));
            var accounts = Enumerable.Range(0, AccountCount).Select(i => $"{playbook}-{i:00}").ToList();
            foreach (var account in accounts)
            {
                await CreateAccountAsync(a, Account(account));
                await (await EnrolAsync(a, playbook, account)).Expect(201);
            }
            var arrivals = await Poll.Until(() => Task.FromResult(env.Smtp.Arrivals().Where(m => m.To.StartsWith(playbook.ToLowerInvariant())).ToList()),
                l => l.Select(m => m.To).Distinct().Count() == AccountCount, "every welcome email", TimeSpan.FromSeconds(60), l => $"{l.Count} arrivals");
            await Poll.Until(() => env.CountAsync($"select count(*) from bookmarks where account_id like '{playbook}-%' and event_name = 'account.opened'"),
                n => n == AccountCount, "every instance to wait for its event", TimeSpan.FromSeconds(30));
            var links = arrivals.GroupBy(m => m.To).ToDictionary(g => g.Key, g => new Uri(g.First().ListUnsubscribe!.Trim().Trim('<', '>')).PathAndQuery);

            // For each account at once: the event that makes the playbook write the account (host A), and the unsubscribe (host B).
            using var start = new SemaphoreSlim(0);
            var races = accounts.SelectMany(account => new[]
            {
                Task.Run(async () =>
                {
                    await start.WaitAsync();
                    await (await a.PostJson("/api/events", new JsonObject { ["id"] = $"opened-{account}", ["name"] = "account.opened", ["accountId"] = account })).Expect(202);
                }),
                Task.Run(async () =>
                {
                    await start.WaitAsync();
                    var form = new FormUrlEncodedContent([new("List-Unsubscribe", "One-Click")]);
                    await (await b.PostAsync(links[AddressOf(account)], form)).Expect(200);
                }),
            }).ToList();
            start.Release(races.Count);
            await Task.WhenAll(races);
            await Poll.Until(() => env.CountAsync($"select count(*) from instances where playbook_id = '{playbook}' and status = 'completed'"),
                n => n == AccountCount, "every playbook to finish its writes", TimeSpan.FromSeconds(60));

            var stored = await Task.WhenAll(accounts.Select(account => a.GetJson($"/api/accounts/{account}")));
            var unsubscribed = stored.Count(s => (string?)s["contacts"]![0]!["consent"]?["digital-touch"] == "withdrawn");
            var written = stored.Count(s => (string?)s["onboarding"]?["opened"] == "yes" && s["onboarding"]?["score"]?.GetValue<decimal>() == 7);
            figures.Add("accountsRaced", AccountCount);
            figures.Add("unsubscribesSurvived", unsubscribed);
            figures.Add("playbookWritesSurvived", written);
            figures.Add("accountHistoryRows", await env.CountAsync($"select count(*) from account_history where account_id like '{playbook}-%'"));
            Assert.Equal(AccountCount, unsubscribed);
            Assert.Equal(AccountCount, written);
        }
        finally
        {
            figures.Save();
        }
    }
}
