using System.Net;
using System.Net.Sockets;
using CsPlaybooks.Host.Health;
using CsPlaybooks.Host.Tests.Support;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Deployment;

/// <summary>The image's health check: <c>dotnet CsPlaybooks.Host.dll --probe</c> run as its own process against a real host.</summary>
public sealed class HealthProbeTests
{
    [Fact]
    public async Task Probe_HostReady_ExitsZero()
    {
        await using var host = new TestHost(TestDatabase.Create(Db.Sqlite));
        host.UseKestrel(o => o.Listen(IPAddress.Loopback, 0));
        host.StartServer();
        var url = host.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();

        var probe = await Probe(new() { ["ASPNETCORE_URLS"] = url });

        Assert.True(probe.ExitCode == 0, probe.Output);
        Assert.Contains("/health/ready: 200 Healthy", probe.Output);
    }

    [Fact]
    public async Task Probe_NothingListening_ExitsOne()
    {
        var probe = await Probe(new() { ["ASPNETCORE_URLS"] = $"http://+:{FreePort()}" });

        Assert.Equal(1, probe.ExitCode);
        Assert.Contains("no answer", probe.Output);
    }

    [Theory]
    [InlineData("http://+:8080", null, "http://localhost:8080")]
    [InlineData("http://*:5000;https://*:5001", null, "http://localhost:5000")]
    [InlineData("https://*:5001;http://0.0.0.0:5002/", null, "http://localhost:5002")]
    [InlineData("http://127.0.0.1:9000", null, "http://127.0.0.1:9000")]
    [InlineData(null, "8081", "http://localhost:8081")]
    [InlineData(null, null, "http://localhost:8080")]
    public void OwnUrl_FromTheListenSettings_ReachableFromInside(string? urls, string? ports, string expected) =>
        Assert.Equal(expected, HealthProbe.OwnUrl(urls, ports));

    private static Task<Command.Result> Probe(Dictionary<string, string> environment) =>
        Command.RunAsync("dotnet", [Path.Combine(AppContext.BaseDirectory, "CsPlaybooks.Host.dll"), "--probe"], AppContext.BaseDirectory, environment, timeoutSeconds: 60);

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
