using CsPlaybooks.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting;

namespace CsPlaybooks.Host.Tests.Auth;

/// <summary>A host allowing 3 requests a minute per caller (anonymous calls get more, so signing in is not what is measured).</summary>
public sealed class SqliteRateLimitedHost : AuthHostFixture
{
    public override Db Kind => Db.Sqlite;

    protected override void Configure(IWebHostBuilder builder)
    {
        base.Configure(builder);
        builder.UseSetting("RateLimits:PermitsPerMinute", "3");
        builder.UseSetting("RateLimits:AnonymousPermitsPerMinute", "100");
    }
}

/// <summary>Requests are limited per key and per person: one caller over its limit gets 429 with Retry-After; others go on.</summary>
public sealed class RateLimitTests(SqliteRateLimitedHost fixture) : IClassFixture<SqliteRateLimitedHost>
{
    [Fact]
    public async Task Key_OverItsLimit_429WithRetryAfter_OtherKeysUnaffected()
    {
        var limited = fixture.Host.Client(TestHost.ViewerKey);
        for (var i = 0; i < 3; i++) await (await limited.GetAsync("/api/playbooks")).Expect(200);

        var refused = await limited.GetAsync("/api/playbooks");

        var problem = await refused.Expect(429);
        Assert.Equal(429, (int)problem["status"]!);
        var retryAfter = refused.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(60));
        await (await fixture.Host.Client(TestHost.IntegrationKey).GetAsync("/api/playbooks")).Expect(200);
        Assert.Equal(System.Net.HttpStatusCode.OK, (await fixture.Host.GetAsync("/health/live")).StatusCode); // only /api is limited
    }

    [Fact]
    public async Task Person_OverTheirLimit_429_AnotherPersonUnaffected()
    {
        var ops = fixture.Host.Client(TestHost.OpsKey);
        var first = await fixture.InvitedAndSignedIn("viewer", inviter: ops); // the antiforgery fetch after sign-in is request 1
        await (await first.Client.GetAsync("/api/me")).Expect(200);
        await (await first.Client.GetAsync("/api/me")).Expect(200);

        var refused = await first.Client.GetAsync("/api/me");

        await refused.Expect(429);
        Assert.NotNull(refused.Headers.RetryAfter);
        var second = await fixture.InvitedAndSignedIn("viewer", inviter: ops);
        await (await second.Client.GetAsync("/api/me")).Expect(200);
    }
}

internal static class HostGet
{
    public static Task<HttpResponseMessage> GetAsync(this TestHost host, string url) => host.CreateClient().GetAsync(url);
}
