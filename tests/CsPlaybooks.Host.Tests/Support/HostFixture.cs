using Microsoft.Extensions.Time.Testing;

namespace CsPlaybooks.Host.Tests.Support;

/// <summary>One host per test class (tests use their own ids, so they never see each other's data).</summary>
public abstract class HostFixture : IAsyncLifetime
{
    public abstract Db Kind { get; }
    protected virtual bool VirtualClock => false;
    protected virtual IReadOnlyDictionary<string, string>? Settings => null;
    public TestHost Host { get; private set; } = null!;
    public FakeTimeProvider Clock => Host.Clock ?? throw new InvalidOperationException("this fixture runs on the real clock");

    /// <summary>Extra settings for this fixture's host.</summary>
    protected virtual void Configure(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder) { }

    public virtual Task InitializeAsync()
    {
        Host = new TestHost(TestDatabase.Create(Kind), VirtualClock ? TestHost.NewClock() : null, settings: Settings, configure: Configure);
        _ = Host.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await Host.DisposeAsync();
}

public sealed class SqliteHost : HostFixture { public override Db Kind => Db.Sqlite; }
public sealed class PostgresHost : HostFixture { public override Db Kind => Db.Postgres; }
public sealed class SqliteClockHost : HostFixture { public override Db Kind => Db.Sqlite; protected override bool VirtualClock => true; }
public sealed class PostgresClockHost : HostFixture { public override Db Kind => Db.Postgres; protected override bool VirtualClock => true; }
