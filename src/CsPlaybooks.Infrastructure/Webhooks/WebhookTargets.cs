using System.Net;
using System.Net.Sockets;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Success.Steps.Integration;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Webhooks;

/// <summary>
/// Where webhooks may go (against server-side request forgery): http(s) only, and never to a private, loopback,
/// link-local or otherwise internal address unless <see cref="WebhookOptions.AllowedPrivateHosts"/> names the host or
/// address, or <see cref="WebhookOptions.AllowPrivateNetworks"/> is set. Checked when a playbook is validated or
/// published (addresses written in the URL), and again for every connection at send (the addresses a name resolves to,
/// so a name that points inside, or a redirect, cannot get there either).
/// </summary>
public sealed class WebhookTargets(IOptions<WebhookOptions> options)
{
    private static readonly IPNetwork[] Internal = [.. new[]
    {
        "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12", "192.0.0.0/24",
        "192.168.0.0/16", "198.18.0.0/15", "224.0.0.0/4", "240.0.0.0/4",
        "::/128", "::1/128", "64:ff9b:1::/48", "fc00::/7", "fe80::/10", "ff00::/8",
    }.Select(IPNetwork.Parse)];

    public static bool IsInternal(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return Internal.Any(n => n.Contains(address));
    }

    /// <summary>Why the URL may not be a webhook target, judged without DNS (publish time); null when it may.</summary>
    public string? Refusal(Uri url)
    {
        if (url.Scheme is not ("http" or "https")) return $"\"{url}\" is not an http(s) address";
        var host = url.IdnHost.Trim('[', ']');
        var internalHost = IPAddress.TryParse(host, out var ip) ? IsInternal(ip)
            : host.Equals("localhost", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".localhost", StringComparison.OrdinalIgnoreCase);
        return internalHost && !Allowed(host, ip) ? Refused(host) : null;
    }

    /// <summary>Adds a refusal for each webhook step of a compiled playbook whose URL may not be reached.</summary>
    public CompileResult Check(CompileResult result)
    {
        if (result.Playbook is null) return result;
        var errors = result.Playbook.Steps.Values
            .Where(s => s.Settings is WebhookSettings)
            .Select(s => (Step: s.Id, Refusal: Refusal(((WebhookSettings)s.Settings).Url)))
            .Where(r => r.Refusal is not null)
            .Select(r => new DefinitionError(r.Step, "url", r.Refusal!)).ToList();
        return errors.Count == 0 ? result : result with { Errors = [.. result.Errors, .. errors] };
    }

    /// <summary>Resolves the host and connects to an address it may reach: the send-time check (SocketsHttpHandler.ConnectCallback).</summary>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken ct)
    {
        var host = context.DnsEndPoint.Host.Trim('[', ']');
        var addresses = IPAddress.TryParse(host, out var literal) ? [literal] : await Dns.GetHostAddressesAsync(host, ct);
        if (addresses.FirstOrDefault(a => IsInternal(a) && !Allowed(host, a)) is { } refused)
            throw new WebhookTargetRefusedException(Refused(host == refused.ToString() ? host : $"{host} ({refused})"));
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, ct);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private bool Allowed(string host, IPAddress? address) =>
        options.Value.AllowPrivateNetworks || options.Value.AllowedPrivateHosts.Any(entry =>
            string.Equals(entry.Trim(), host, StringComparison.OrdinalIgnoreCase)
            || (address is not null && IPNetwork.TryParse(entry.Trim(), out var range) && range.Contains(address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address))
            || (address is not null && IPAddress.TryParse(entry.Trim(), out var single) && single.Equals(address)));

    private static string Refused(string host) =>
        $"{host} is a private, loopback or link-local address; webhooks may only go there if Webhooks:AllowedPrivateHosts lists it " +
        "(or Webhooks:AllowPrivateNetworks is true)";
}

/// <summary>A webhook target refused by <see cref="WebhookTargets"/>: retrying cannot help.</summary>
public sealed class WebhookTargetRefusedException(string message) : IOException(message);
