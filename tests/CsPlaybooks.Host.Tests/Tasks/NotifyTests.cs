using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Tasks;

/// <summary>The notify step puts an informational item in the right inbox, once.</summary>
public sealed class NotifyTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task Notify_Csm_ShowsInTheirInboxOnce_NotRequired()
    {
        var ops = fixture.Host.Client();
        var csm = fixture.Host.Client(TestHost.CsmKey);
        await (await ops.PutJson("/api/csms/csm-1", new { name = "Casey", email = "casey@vendor.example", touchModel = "high" })).Expect(201);
        var account = Samples.Account(Samples.NewId("acct"));
        account["csmId"] = "csm-1";
        await Samples.CreateAccount(ops, account);
        var playbook = new JsonObject
        {
            ["id"] = Samples.NewId("note"),
            ["steps"] = new JsonArray(new JsonObject { ["id"] = "heads-up", ["type"] = "notify", ["to"] = "csm", ["message"] = "{{ account.name }} opened a support escalation" }),
        };
        await Samples.Publish(ops, playbook);
        await Samples.Enrol(ops, (string)playbook["id"]!, (string)account["id"]!);

        var inbox = await Eventually.Get(() => csm.GetJson($"/api/tasks?account={account["id"]}&status=open"), t => t["items"]!.AsArray().Count > 0, "the notification");
        var item = inbox["items"]!.AsArray().Single()!;
        Assert.Equal($"{account["name"]} opened a support escalation", (string)item["title"]!);
        Assert.False((bool)item["required"]!);
        Assert.Equal("notification", (string)item["source"]!);
    }
}
