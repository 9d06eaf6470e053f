namespace CsPlaybooks.Infrastructure.Email;

/// <summary>
/// Keys of the unsubscribe links (configuration section <c>Email</c>). Without <see cref="UnsubscribeSecret"/> the key
/// every node shares is generated once into the database (<c>secrets</c> table). Rotation: set a new
/// <see cref="UnsubscribeSecret"/> and move the old one into <see cref="UnsubscribePreviousSecrets"/>; links already
/// sent keep working, new links use the new key. The generated database key is always still accepted.
/// </summary>
public sealed class UnsubscribeOptions
{
    /// <summary>The key that signs new unsubscribe links (any long random string); the same on every node. Default: the generated shared key.</summary>
    public string? UnsubscribeSecret { get; set; }
    /// <summary>Keys of earlier links, still accepted (verify only).</summary>
    public List<string> UnsubscribePreviousSecrets { get; set; } = [];
    /// <summary>Where versions before the shared key kept a per-node key; if the file exists its key is still accepted (verify only).</summary>
    public string UnsubscribeSecretFile { get; set; } = "data/unsubscribe-secret.txt";
}
