using CsPlaybooks.Infrastructure.Security;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Infrastructure.Webhooks;

/// <summary>The keys outgoing webhooks are signed with: <c>Webhooks:Secret</c>, else the key all nodes share; plus any being rotated out.</summary>
public sealed class WebhookSigningKeys(IOptions<WebhookOptions> options, SharedSecrets secrets)
{
    public bool Configured => !string.IsNullOrWhiteSpace(options.Value.Secret);

    public string Current => Configured ? options.Value.Secret! : secrets.Get(SharedSecrets.WebhookKey);

    /// <summary>The current key first, then <c>Webhooks:PreviousSecrets</c>: each delivery carries one signature per key.</summary>
    public IReadOnlyList<string> All => [Current, .. options.Value.PreviousSecrets.Where(s => !string.IsNullOrWhiteSpace(s) && s != Current)];
}
