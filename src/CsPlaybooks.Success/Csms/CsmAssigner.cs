namespace CsPlaybooks.Success.Csms;

/// <summary>What assignment decided: the CSM, or null with the reason nobody fits (one line per CSM considered).</summary>
public sealed record AssignmentDecision(CsmProfile? Csm, string Reason, IReadOnlyList<string> Rejections);

/// <summary>
/// Picks a CSM for an account: among CSMs whose touch model serves the account's tier (in the rules' order of
/// preference), whose skills match its industry and tier, and who are below capacity, the least-loaded one
/// (ties: lower utilisation, then id). Never over capacity; when nobody fits, says why for every CSM.
/// </summary>
public static class CsmAssigner
{
    public static AssignmentDecision Pick(AccountFacts account, IReadOnlyList<CsmProfile> csms, IReadOnlyDictionary<string, int> loads, AssignmentRules rules)
    {
        var models = rules.TouchModelsFor(account);
        var rejections = new List<string>();
        var fitting = new List<(CsmProfile Csm, int Load, int Capacity)>();
        foreach (var csm in csms.OrderBy(c => c.Id, StringComparer.Ordinal))
        {
            var load = loads.GetValueOrDefault(csm.Id);
            var capacity = rules.CapacityOf(csm);
            if (!models.Contains(csm.TouchModel, StringComparer.OrdinalIgnoreCase))
                rejections.Add($"{csm.Id}: touch model {csm.TouchModel}, the account needs {string.Join(" or ", models)}");
            else if (!Matches(csm.Industries, account.Industry))
                rejections.Add($"{csm.Id}: industries {string.Join(", ", csm.Industries)} do not include {account.Industry}");
            else if (!Matches(csm.Tiers, account.Tier))
                rejections.Add($"{csm.Id}: tiers {string.Join(", ", csm.Tiers)} do not include {account.Tier}");
            else if (load >= capacity)
                rejections.Add($"{csm.Id}: at capacity ({load} of {capacity} accounts)");
            else fitting.Add((csm, load, capacity));
        }
        if (fitting.Count == 0)
        {
            var why = csms.Count == 0 ? "no CSMs are registered" : string.Join("; ", rejections);
            return new(null, $"no CSM fits {account.Id} (tier {account.Tier ?? "none"}, industry {account.Industry ?? "none"}, needs {string.Join(" or ", models)} touch): {why}", rejections);
        }
        // Prefer the first touch model in the rules' order that has a fitting CSM (micro: tech before mid).
        var model = models.First(m => fitting.Any(f => string.Equals(f.Csm.TouchModel, m, StringComparison.OrdinalIgnoreCase)));
        var best = fitting.Where(f => string.Equals(f.Csm.TouchModel, model, StringComparison.OrdinalIgnoreCase))
            .OrderBy(f => f.Load).ThenBy(f => (double)f.Load / f.Capacity).ThenBy(f => f.Csm.Id, StringComparer.Ordinal).First();
        return new(best.Csm, $"{best.Csm.Id} ({best.Csm.TouchModel} touch, {best.Load} of {best.Capacity} accounts before this one)", rejections);
    }

    private static bool Matches(IReadOnlyList<string> skills, string? value) =>
        skills.Count == 0 || value is null || skills.Contains(value, StringComparer.OrdinalIgnoreCase);
}
