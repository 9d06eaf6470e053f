namespace CsPlaybooks.Host.Limits;

/// <summary>Which request body limit an endpoint has (see <see cref="BodySizeOptions"/>).</summary>
public enum BodySize
{
    Default,
    /// <summary>Playbook definitions: create, save draft, validate, simulate.</summary>
    Playbook,
    /// <summary>Bulk data: account import, usage batches.</summary>
    Import,
}

/// <summary>
/// The largest request body each kind of endpoint accepts, in bytes (section <c>Limits:RequestBody</c>). A larger body is
/// answered 413 before the handler reads it. Defaults: 1 MiB, playbooks 5 MiB, imports 50 MiB (docs/limits.md).
/// </summary>
public sealed class BodySizeOptions
{
    public const string Section = "Limits:RequestBody";

    public long Default { get; set; } = 1L << 20;
    public long Playbook { get; set; } = 5L << 20;
    public long Import { get; set; } = 50L << 20;

    public long For(BodySize size) => size switch
    {
        BodySize.Playbook => Playbook,
        BodySize.Import => Import,
        _ => Default,
    };

    public static string SettingOf(BodySize size) => $"{Section}:{size}";
}
