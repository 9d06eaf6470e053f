using System.Text.Json.Nodes;
using CsPlaybooks.Faults.Tests.Support;
using Xunit.Abstractions;
using static CsPlaybooks.Faults.Tests.Support.FaultPlaybooks;

namespace CsPlaybooks.Faults.Tests;

/// <summary>(d) Two hosts race for the same rule at once: a contact's email cap, a CSM's last free slot.</summary>
public sealed class CrossNodeRulesTests(TwoHostsFixture hosts, ITestOutputHelper output) : IClassFixture<TwoHostsFixture>
{
    private readonly HttpClient _a = hosts.A.Client();
    private readonly HttpClient _b = hosts.B.Client();

    [Fact]
    public async Task TwoHostsSendToOneRecipientAtOnce_CapNeverExceeded()
    {
        const int recipients = 6, accountsPerRecipient = 12;
        var figures = new FaultFigures(output, "d-email-cap-across-hosts");
        try
        {
            var playbook = NewId("d-cap");
            await PublishAsync(_a, Sequence(playbook, SendEmail("digital-touch")));
            var addresses = Enumerable.Range(0, recipients).Select(r => $"{playbook}-shared{r}@customer.example").ToList();
            var accounts = addresses.SelectMany(address => Enumerable.Range(0, accountsPerRecipient).Select(i => (Id: $"{address.Split('@')[0]}-{i:00}", Address: address))).ToList();
            await Parallel.ForEachAsync(accounts, new ParallelOptions { MaxDegreeOfParallelism = 6 }, async (x, _) => await CreateAccountAsync(_a, Account(x.Id, email: x.Address)));

            // Every account of a recipient enrolled at the same moment, half through each host: both hosts' pumps deliver.
            await Task.WhenAll(accounts.Select((x, i) => Task.Run(async () => await (await EnrolAsync(i % 2 == 0 ? _a : _b, playbook, x.Id)).Expect(201))));
            var decided = await Poll.Until(() => hosts.Env.PairsAsync($"select recipient_address, state from emails where account_id like '{playbook}-%'"),
                rows => rows.Count == accounts.Count && rows.All(r => r.B is "sent" or "deferred"), "every email to be sent or deferred", TimeSpan.FromSeconds(90),
                rows => string.Join(", ", rows.GroupBy(r => r.B).Select(g => $"{g.Key}: {g.Count()}")));

            var arrivals = hosts.Env.Smtp.Arrivals().Where(m => m.To.StartsWith(playbook.ToLowerInvariant())).ToList();
            // Distinct Message-IDs: a resend of one email (same Message-ID) is not a second email under the cap.
            var perRecipient = addresses.ToDictionary(a => a, a => arrivals.Where(m => m.To == a).Select(m => m.MessageId).Distinct().Count());
            figures.Add("cap", TwoHostsFixture.Cap);
            figures.Add("emailsRacing", accounts.Count);
            figures.Add("distinctEmailsArrivedPerRecipient", perRecipient);
            figures.Add("arrivals", arrivals.Count);
            figures.Add("sentPerRecipient", decided.Where(r => r.B == "sent").GroupBy(r => r.A).ToDictionary(g => g.Key, g => g.Count()));
            figures.Add("deferred", decided.Count(r => r.B == "deferred"));
            figures.Add("sentByHost", new Dictionary<string, int> { ["a"] = hosts.A.CountLogLines($"sent to {playbook}"), ["b"] = hosts.B.CountLogLines($"sent to {playbook}") });
            Assert.All(perRecipient, p => Assert.True(p.Value <= TwoHostsFixture.Cap, $"{p.Key} received {p.Value} emails; the cap is {TwoHostsFixture.Cap}"));
            Assert.All(addresses, a => Assert.Equal(TwoHostsFixture.Cap, decided.Count(r => r.A == a && r.B == "sent")));
            Assert.All(perRecipient, p => Assert.Equal(TwoHostsFixture.Cap, p.Value));
        }
        finally
        {
            figures.Save();
        }
    }

    [Fact]
    public async Task TwoHostsAssignTheLastFreeSlotAtOnce_CapacityNeverExceeded()
    {
        const int rounds = 3, capacity = 3, contenders = 10;
        var figures = new FaultFigures(output, "d-csm-capacity-across-hosts");
        try
        {
            var outcomes = new List<object>();
            for (var round = 0; round < rounds; round++)
            {
                var industry = NewId("ind");
                var csm = NewId("csm");
                await (await _a.PutJson($"/api/csms/{csm}", new JsonObject
                {
                    ["name"] = "Casey " + csm, ["email"] = $"{csm}@vendor.example", ["touchModel"] = "high", ["capacity"] = capacity,
                    ["industries"] = new JsonArray(industry), ["tiers"] = new JsonArray(), ["isLead"] = false,
                })).Expect(201, 200);
                for (var i = 0; i < capacity - 1; i++)
                {
                    var filler = $"{csm}-book-{i}";
                    await CreateAccountAsync(_a, Account(filler, industry: industry));
                    Assert.Equal("assigned", (string)(await Assign(_a, filler))["status"]!);
                }
                var racers = Enumerable.Range(0, contenders).Select(i => $"{csm}-racer-{i}").ToList();
                foreach (var racer in racers) await CreateAccountAsync(_a, Account(racer, industry: industry));

                var results = await Task.WhenAll(racers.Select((r, i) => Task.Run(() => Assign(i % 2 == 0 ? _a : _b, r))));
                var load = await hosts.Env.CountAsync($"select count(*) from accounts where csm_id = '{csm}'");
                var listed = (await _a.GetJson("/api/csms")).AsArray().Single(c => (string)c!["id"]! == csm)!;
                var assigned = results.Count(r => (string)r["status"]! == "assigned");
                outcomes.Add(new { round, capacity, contenders, assigned, nobodyFits = results.Count(r => (string)r["status"]! == "nobodyFits"), load, apiLoad = (int)listed["load"]! });
                Assert.True(load <= capacity, $"round {round}: {csm} has {load} accounts; capacity {capacity}");
                Assert.Equal(capacity, load);
                Assert.Equal(capacity, (int)listed["load"]!);
                Assert.Equal(1, assigned);
            }
            figures.Add("rounds", outcomes);
        }
        finally
        {
            figures.Save();
        }
    }

    private static async Task<JsonNode> Assign(HttpClient client, string account) =>
        await (await client.PostJson("/api/csms/assignments", new JsonObject { ["accountId"] = account, ["keepExisting"] = true })).Expect(200);
}
