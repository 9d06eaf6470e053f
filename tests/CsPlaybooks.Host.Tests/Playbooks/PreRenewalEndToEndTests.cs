using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Email;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>
/// The shipped pre-renewal playbook end to end through the API with real SMTP: one third of the term left → the daily
/// sweep enrols → assessment high → early-renewal task and offer email from the CSM → a renewed contract
/// (POST /api/accounts/{id}/contracts) raises contract.renewed → renewal reason recorded, stage growth.
/// </summary>
public abstract class PreRenewalEndToEndTests(Db kind)
{
    [Fact]
    public async Task HealthyAccount_OneThirdLeft_EarlyOffer_RenewedWithReason()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = ShippedPlaybookApp.NewHost(kind);
        await using var app = host.WithSmtp(smtp);
        var ops = app.Client();

        await (await ops.PutJson("/api/csms/csm-1", new { name = "Casey Chen", email = "casey@vendor.example", touchModel = "high" })).Expect(201);
        var account = Samples.Account("alpine-resorts");
        account["name"] = "Alpine Resorts";
        account["stage"] = "growth";
        account["csmId"] = "csm-1";
        account["csm"] = new JsonObject { ["id"] = "csm-1", ["name"] = "Casey Chen", ["email"] = "casey@vendor.example" };
        account["contract"] = new JsonObject { ["start"] = "2025-07-01", ["end"] = "2026-07-01", ["value"] = 24000, ["currency"] = "EUR" };
        account["health"] = new JsonObject
        {
            ["score"] = 88, ["band"] = "green",
            ["indicators"] = new JsonArray(new JsonObject { ["name"] = "activity", ["score"] = 90, ["explanation"] = "9 of 10 seats" }),
        };
        account["successCriteria"] = new JsonArray(new JsonObject { ["metric"] = "bookings per week", ["baseline"] = 100, ["target"] = 200, ["current"] = 190, ["due"] = "2026-06-30" });
        await Samples.CreateAccount(ops, account);

        await (await ops.PostJson("/api/triggers/sweep", new { })).Expect(200);

        var message = await Eventually.Get(() => Task.FromResult(smtp.Messages()), m => m.Count == 1, "the early-renewal offer over SMTP");
        Assert.Equal("casey@vendor.example", message[0].From.Mailboxes.Single().Address);
        Assert.Equal("dana@example.com", message[0].To.Mailboxes.Single().Address);
        Assert.Contains("contract runs until 2026-07-01", message[0].TextBody);
        var tasks = await Eventually.Get(() => ops.GetJson("/api/tasks?account=alpine-resorts"), t => t["items"]!.AsArray().Count == 1, "the early-renewal task");
        Assert.Equal("Offer Alpine Resorts an early renewal", (string)tasks["items"]![0]!["title"]!);
        var stored = await Eventually.Get(() => ops.GetJson("/api/accounts/alpine-resorts"), a => a["work"]?["openRequiredTasks"] is not null, "the open-task count");
        Assert.Equal("renewal", (string)stored["stage"]!);
        Assert.Equal("high", (string)stored["renewal"]!["assessment"]!["outcome"]!);
        Assert.Equal(1, (int)stored["work"]!["openRequiredTasks"]!);

        await (await ops.PostJson("/api/accounts/alpine-resorts/contracts", new { start = "2026-07-01", end = "2027-07-01", value = 26000, currency = "EUR", reason = "value delivered" })).Expect(200);

        var renewed = await Eventually.Get(() => ops.GetJson("/api/accounts/alpine-resorts"), a => (string?)a["stage"] == "growth", "the renewal to be recorded");
        Assert.Equal("value delivered", (string)renewed["reasons"]!["renewal"]!["cause"]!);
        Assert.Equal("2026-07-01", (string)renewed["contractHistory"]![0]!["end"]!);
        Assert.Equal("2027-07-01", (string)renewed["contract"]!["end"]!);
        var instance = await ops.GetJson("/api/instances?playbookId=pre-renewal&accountId=alpine-resorts");
        Assert.Equal("completed", (string)instance["items"]![0]!["status"]!);
        await (await ops.PostJson("/api/accounts/alpine-resorts/contracts", new { start = "2027-07-01", end = "2027-01-01" })).Expect(400);
    }
}

public sealed class PreRenewalEndToEndTests_Sqlite() : PreRenewalEndToEndTests(Db.Sqlite);
public sealed class PreRenewalEndToEndTests_Postgres() : PreRenewalEndToEndTests(Db.Postgres);
