namespace CsPlaybooks.Faults.Tests.Support;

/// <summary>Two hosts on one database, with the default frequency cap (3 digital-touch emails per recipient per 7 days).</summary>
public sealed class TwoHostsFixture : IAsyncLifetime
{
    public const int Cap = 3;
    public FaultEnvironment Env { get; private set; } = null!;
    public HostProcess A { get; private set; } = null!;
    public HostProcess B { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Env = await FaultEnvironment.CreateAsync();
        // Small outbox batches: each host claims a few emails at a time, so both hosts deliver to the same recipient at once.
        var settings = new Dictionary<string, string>
        {
            ["Email:Cap:MaxEmails"] = Cap.ToString(), ["Email:Cap:Window"] = "7.00:00:00", ["Outbox:BatchSize"] = "2", ["Outbox:Parallelism"] = "4",
        };
        (A, B) = (Env.NewHost("d-host-a", settings), Env.NewHost("d-host-b", settings));
        await Task.WhenAll(A.StartAsync(), B.StartAsync());
    }

    public async Task DisposeAsync() => await Env.DisposeAsync();
}
