using System.Net;
using CsPlaybooks.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Hosting;

/// <summary>
/// The same limits behind real Kestrel: a chunked body over the limit is stopped by the server (BadHttpRequestException)
/// and still answered 413 problem details, not 500.
/// </summary>
public sealed class BodySizeLimitKestrelTests : IAsyncLifetime
{
    private readonly TestHost _host = new(TestDatabase.Create(Db.Sqlite), settings: BodySizeLimitTests.SmallLimits);
    private HttpClient _ops = null!;

    public Task InitializeAsync()
    {
        _host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        _host.StartServer();
        var address = _host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        _ops = new HttpClient { BaseAddress = new Uri(address) };
        _ops.DefaultRequestHeaders.Add("X-Api-Key", TestHost.OpsKey);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        _ops.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task PostEvent_ChunkedOverLimit_Returns413ProblemDetails_AndStoresNothing()
    {
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));

        var response = await _ops.PostAsync("/api/events", new ChunkedJson(BodySizeLimitTests.Event(account, 8000).ToJsonString()));

        BodySizeLimitTests.AssertTooLarge(await response.Expect(413), "4 KiB (4,096 bytes, setting Limits:RequestBody:Default)");
        Assert.Empty((await _ops.GetJson($"/api/events?accountId={account}")).AsArray());
    }

    [Fact]
    public async Task PostEvent_DeclaredLengthOverLimit_Returns413ProblemDetails()
    {
        var account = Samples.NewId("acct");
        await Samples.CreateAccount(_ops, Samples.Account(account));

        var response = await _ops.PostJson("/api/events", BodySizeLimitTests.Event(account, 8000));

        BodySizeLimitTests.AssertTooLarge(await response.Expect(413), "setting Limits:RequestBody:Default");
    }
}
