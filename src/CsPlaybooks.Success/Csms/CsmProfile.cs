namespace CsPlaybooks.Success.Csms;

/// <summary>
/// A customer-success manager as assignment sees them: touch model, capacity (accounts), skills. Empty skill lists
/// mean "any industry" / "any tier". <see cref="Capacity"/> null = the default for the touch model.
/// </summary>
public sealed record CsmProfile(
    string Id, string Name, string TouchModel, int? Capacity, IReadOnlyList<string> Industries, IReadOnlyList<string> Tiers, bool IsLead);

/// <summary>The account facts assignment needs.</summary>
public sealed record AccountFacts(string Id, string? Tier, string? Industry, string? TouchModel);
