namespace CsPlaybooks.Success.Accounts;

/// <summary>
/// How an account is served (DOMAIN.md §2, §5): high touch (a success plan, 1–25 accounts per CSM), mid touch
/// (trigger-driven, up to a few hundred), tech touch (fully automated email). Derived from the tier by configurable
/// rules; an account's own <c>touchModel</c> field overrides.
/// </summary>
public sealed class TouchModelRules
{
    public static readonly string[] Models = ["high", "mid", "tech"];

    /// <summary>Tier → touch model. Default: KA → high, ordinary → mid, micro → tech.</summary>
    public Dictionary<string, string> ByTier { get; set; } = new() { ["KA"] = "high", ["ordinary"] = "mid", ["micro"] = "tech" };

    public string Default { get; set; } = "mid";

    public string For(AccountDocument account) =>
        (string?)account.Json["touchModel"] is { } own && Models.Contains(own) ? own
        : (string?)account.Json["tier"] is { } tier && ByTier.TryGetValue(tier, out var model) ? model
        : Default;
}
