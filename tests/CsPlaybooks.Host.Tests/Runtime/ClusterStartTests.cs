using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>Nodes of a cluster started at the same moment on a fresh PostgreSQL database: one at a time through start-up.</summary>
public sealed class ClusterStartTests
{
    [Fact]
    public async Task ThreeHostsStartingTogether_OnAFreshDatabase_AllBecomeReady()
    {
        var database = TestDatabase.Create(Db.Postgres);
        var hosts = Enumerable.Range(0, 3).Select(_ => new TestHost(database)).ToList();
        try
        {
            await Task.WhenAll(hosts.Select(h => Task.Run(() => h.Server)));
            foreach (var host in hosts)
                Assert.Equal(System.Net.HttpStatusCode.OK, (await host.CreateClient().GetAsync("/health/ready")).StatusCode);
            var ops = hosts[0].Client();
            var playbook = Samples.Onboarding(Samples.NewId("pb"));
            await Samples.Publish(ops, playbook);
            await (await hosts[2].Client().GetAsync($"/api/playbooks/{playbook["id"]}")).Expect(200);
        }
        finally
        {
            foreach (var host in hosts) await host.DisposeAsync();
        }
    }
}
