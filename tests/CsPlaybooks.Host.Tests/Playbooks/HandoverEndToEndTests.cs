using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Email;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Playbooks;

/// <summary>
/// The shipped handover playbook end to end through the HTTP API with real delivery: account.signed → packet check →
/// CSM assigned → intro email over real SMTP (aiosmtpd) from the CSM → kick-off task in the CSM's inbox → stage
/// onboarding → novice start running.
/// </summary>
public abstract class HandoverEndToEndTests(Db kind)
{
    [Fact]
    public async Task AccountSigned_KeyAccount_IsHandedOverAndStartsNoviceStart()
    {
        await using var smtp = await SmtpTestServer.StartNewAsync();
        await using var host = ShippedPlaybookApp.NewHost(kind);
        await using var app = host.WithSmtp(smtp);
        var ops = app.Client();
        var csm = app.Client(TestHost.CsmKey);

        await (await ops.PutJson("/api/csms/csm-1", new { name = "Casey Chen", email = "casey@vendor.example", touchModel = "high", tiers = new[] { "KA" } })).Expect(201);
        var account = Samples.Account("grand-hotels");
        account["name"] = "Grand Hotels";
        account["isNew"] = true;
        account["stage"] = "signing";
        account["contacts"]!.AsArray().Add(new JsonObject { ["id"] = "ku", ["name"] = "Kim", ["email"] = "kim@grand.example", ["role"] = "key-user" });
        account["handover"] = new JsonObject { ["situation"] = "bookings in spreadsheets", ["problems"] = new JsonArray("double bookings"), ["implementationPlan"] = "pilot one hotel, then all" };
        await Samples.CreateAccount(ops, account);

        await (await ops.PostJson("/api/events", new { name = "account.signed", accountId = "grand-hotels" })).Expect(202);

        var message = await Eventually.Get(() => Task.FromResult(smtp.Messages()), m => m.Count == 1, "the intro email over SMTP");
        Assert.Equal("casey@vendor.example", message[0].From.Mailboxes.Single().Address);
        Assert.Equal("dana@example.com", message[0].To.Mailboxes.Single().Address);
        Assert.Equal("Casey Chen will look after Grand Hotels", message[0].Subject);
        Assert.Contains("kick-off meeting", message[0].TextBody);

        // The CSM's inbox: the kick-off from handover, and (once novice start runs) the pilot; nothing for other roles.
        var tasks = await Eventually.Get(() => csm.GetJson("/api/tasks"), t => t["items"]!.AsArray().Count == 2, "the kick-off and pilot tasks in the CSM's inbox");
        Assert.Equal(["Hold the kick-off meeting with Grand Hotels", "Pilot Grand Hotels in one department or branch"],
            tasks["items"]!.AsArray().Select(t => (string)t!["title"]!).Order());
        Assert.All(tasks["items"]!.AsArray(), t => Assert.Equal("csm-1", (string)t!["assignee"]!["csmId"]!));

        var stored = await Eventually.Get(() => ops.GetJson("/api/accounts/grand-hotels"), a => (string?)a["stage"] == "onboarding", "stage onboarding");
        Assert.Equal("csm-1", (string)stored["csmId"]!);
        Assert.Equal("new KA", (string)stored["classification"]!);
        var novice = await Eventually.Get(() => ops.GetJson("/api/instances?playbookId=novice-start&accountId=grand-hotels"), l => (int)l["total"]! == 1, "novice start to begin");
        Assert.Equal("running", (string)novice["items"]![0]!["status"]!);
        var handover = await ops.GetJson("/api/instances?playbookId=handover&accountId=grand-hotels");
        Assert.Equal("completed", (string)handover["items"]![0]!["status"]!);
    }
}

public sealed class HandoverEndToEndTests_Sqlite() : HandoverEndToEndTests(Db.Sqlite);
public sealed class HandoverEndToEndTests_Postgres() : HandoverEndToEndTests(Db.Postgres);
