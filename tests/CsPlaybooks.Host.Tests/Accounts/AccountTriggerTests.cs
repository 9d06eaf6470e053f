using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Accounts;

/// <summary>contractDate (one third of the term left; re-armed by renewal) and segment (enters when a condition becomes true).</summary>
public abstract class AccountTriggerTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();

    private static JsonObject OneStep(string id, JsonObject trigger) => new()
    {
        ["id"] = id,
        ["trigger"] = trigger,
        ["steps"] = new JsonArray(new JsonObject { ["id"] = "mark", ["type"] = "setField", ["field"] = "touched", ["value"] = "yes" }),
    };

    private async Task<int> Instances(string playbook, string account) =>
        (int)(await _ops.GetJson($"/api/instances?playbookId={playbook}&accountId={account}"))["total"]!;

    private async Task Sweep() => await (await _ops.PostJson("/api/triggers/sweep", new { })).Expect(200);

    private async Task AdvanceTo(DateTimeOffset when)
    {
        var now = fixture.Clock.GetUtcNow();
        if (when > now) fixture.Clock.Advance(when - now);
    }

    [Fact]
    public async Task ContractDate_OneThirdOfTermLeft_EnrolsOncePerTerm_RenewalRearms()
    {
        var playbook = Samples.NewId("pre-renewal");
        await Samples.Publish(_ops, OneStep(playbook, new JsonObject { ["type"] = "contractDate", ["fraction"] = 0.6667 }));
        var (twelve, twentyFour) = (Samples.NewId("acct"), Samples.NewId("acct"));
        var a = Samples.Account(twelve, timeZone: "UTC");
        a["contract"] = new JsonObject { ["start"] = "2027-01-01", ["end"] = "2028-01-01" };
        var b = Samples.Account(twentyFour, timeZone: "UTC");
        b["contract"] = new JsonObject { ["start"] = "2027-01-01", ["end"] = "2029-01-01" };
        await Samples.CreateAccount(_ops, a);
        await Samples.CreateAccount(_ops, b);

        await AdvanceTo(new DateTimeOffset(2027, 8, 31, 12, 0, 0, TimeSpan.Zero));
        await Sweep();
        Assert.Equal(0, await Instances(playbook, twelve));

        await AdvanceTo(new DateTimeOffset(2027, 9, 1, 12, 0, 0, TimeSpan.Zero)); // 12-month term: 4 months before the end
        await Sweep();
        await Sweep();
        Assert.Equal(1, await Instances(playbook, twelve));
        Assert.Equal(0, await Instances(playbook, twentyFour));

        await AdvanceTo(new DateTimeOffset(2028, 5, 2, 12, 0, 0, TimeSpan.Zero)); // 24-month term: 8 months before the end
        await Sweep();
        Assert.Equal(1, await Instances(playbook, twentyFour));
        Assert.Equal(1, await Instances(playbook, twelve));

        a["contract"] = new JsonObject { ["start"] = "2028-01-01", ["end"] = "2029-01-01" };
        await (await _ops.PutJson($"/api/accounts/{twelve}", a)).Expect(200);
        await AdvanceTo(new DateTimeOffset(2028, 9, 1, 12, 0, 0, TimeSpan.Zero));
        await Sweep();
        Assert.Equal(2, await Instances(playbook, twelve));
    }

    [Fact]
    public async Task Segment_EntersWhenConditionBecomesTrue_AgainOnlyAfterLeaving()
    {
        var playbook = Samples.NewId("red-health");
        await Samples.Publish(_ops, OneStep(playbook, new JsonObject { ["type"] = "segment", ["when"] = "account.risk == \"high\"" }));
        var id = Samples.NewId("acct");
        var account = Samples.Account(id);
        await Samples.CreateAccount(_ops, account);

        await Sweep();
        Assert.Equal(0, await Instances(playbook, id));
        account["risk"] = "high";
        await (await _ops.PutJson($"/api/accounts/{id}", account)).Expect(200);
        await Sweep();
        await Sweep();
        Assert.Equal(1, await Instances(playbook, id));

        account["risk"] = "low";
        await (await _ops.PutJson($"/api/accounts/{id}", account)).Expect(200);
        await Sweep();
        account["risk"] = "high";
        await (await _ops.PutJson($"/api/accounts/{id}", account)).Expect(200);
        fixture.Clock.Advance(TimeSpan.FromDays(1));
        await Sweep();
        Assert.Equal(2, await Instances(playbook, id));
    }

    [Fact]
    public async Task ContractDate_BadSettings_AreValidationErrors()
    {
        var definition = OneStep(Samples.NewId("bad"), new JsonObject { ["type"] = "contractDate", ["fraction"] = 1.5, ["offset"] = "-P4M" });
        var problem = await (await _ops.PostJson("/api/playbooks", definition)).Expect(400);
        Assert.Contains(problem["problems"]!.AsArray(), p => (string)p!["field"]! == "trigger.fraction");
    }
}

public sealed class AccountTriggerTests_Sqlite(SqliteClockHost f) : AccountTriggerTests(f), IClassFixture<SqliteClockHost>;
public sealed class AccountTriggerTests_Postgres(PostgresClockHost f) : AccountTriggerTests(f), IClassFixture<PostgresClockHost>;
