using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>
/// The event-trigger index is cached per published version: a publish changes what an event starts at once, on the node
/// that published and on another node sharing the database, whose cache was filled before the publish.
/// </summary>
public abstract class EventTriggerIndexTests(HostFixture fixture)
{
    [Fact]
    public async Task Publish_ChangesWhatAnEventStarts_OnThisAndAnotherNode()
    {
        var ops = fixture.Host.Client();
        await using var second = new TestHost(fixture.Host.Database);
        var other = second.Client(TestHost.IntegrationKey);
        var here = fixture.Host.Client(TestHost.IntegrationKey);
        var signed = Samples.NewId("signed");
        var renewed = Samples.NewId("renewed");
        var playbook = Samples.NewId("pb");
        var accounts = Enumerable.Range(0, 4).Select(_ => Samples.NewId("acct")).ToList();
        foreach (var account in accounts) await Samples.CreateAccount(ops, Samples.Account(account));

        // Both nodes have looked at their (empty) index before anything is published.
        await Post(here, signed, accounts[0]);
        await Post(other, signed, accounts[0]);
        Assert.Equal(0, await Instances(ops, playbook));

        await Samples.Publish(ops, Samples.Onboarding(playbook, trigger: new JsonObject { ["type"] = "event", ["event"] = signed }));
        await Post(other, signed, accounts[1]);
        await Post(here, signed, accounts[2]);
        Assert.Equal(2, await Instances(ops, playbook));

        // A new version published on the other node moves the trigger to another event: this node sees it too.
        var secondOps = second.Client();
        await Samples.Publish(secondOps, Samples.Onboarding(playbook, trigger: new JsonObject { ["type"] = "event", ["event"] = renewed }));
        await Post(here, signed, accounts[3]);
        Assert.Equal(2, await Instances(ops, playbook));
        await Post(here, renewed, accounts[3]);
        Assert.Equal(3, await Instances(ops, playbook));
    }

    private static async Task Post(HttpClient client, string name, string account) =>
        await (await client.PostJson("/api/events", new { name, accountId = account })).Expect(202);

    private static async Task<int> Instances(HttpClient ops, string playbook) =>
        (int)(await ops.GetJson($"/api/instances?playbookId={playbook}"))["total"]!;
}

public sealed class EventTriggerIndexTests_Sqlite(SqliteHost f) : EventTriggerIndexTests(f), IClassFixture<SqliteHost>;
public sealed class EventTriggerIndexTests_Postgres(PostgresHost f) : EventTriggerIndexTests(f), IClassFixture<PostgresHost>;
