namespace CsPlaybooks.Success.Csms;

/// <summary>
/// Configurable rules: which CSM touch models may serve an account of a tier, and the default capacity per touch model.
/// Defaults (DOMAIN.md §2): KA → high; ordinary → mid; micro → tech, then mid (tech touch is automated, but someone
/// owns the account); high ≤ 25 accounts, mid ≤ 200, tech ≤ 2000. An account's own <c>touchModel</c> field overrides
/// its tier. Config section <c>Csms</c>: <c>TouchModelsByTier</c>, <c>DefaultCapacity</c>.
/// </summary>
public sealed class AssignmentRules
{
    public static readonly string[] TouchModels = ["high", "mid", "tech"];

    public Dictionary<string, List<string>> TouchModelsByTier { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["KA"] = ["high"], ["ordinary"] = ["mid"], ["micro"] = ["tech", "mid"],
    };

    public Dictionary<string, int> DefaultCapacity { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        ["high"] = 25, ["mid"] = 200, ["tech"] = 2000,
    };

    /// <summary>Touch models that may serve the account, most suitable first. An unknown or missing tier → mid.</summary>
    public IReadOnlyList<string> TouchModelsFor(AccountFacts account)
    {
        if (!string.IsNullOrWhiteSpace(account.TouchModel)) return [account.TouchModel];
        return account.Tier is { } tier && TouchModelsByTier.TryGetValue(tier, out var models) && models.Count > 0 ? models : ["mid"];
    }

    public int CapacityOf(CsmProfile csm) => csm.Capacity ?? DefaultCapacity.GetValueOrDefault(csm.TouchModel, 200);
}
