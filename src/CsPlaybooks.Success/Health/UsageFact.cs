namespace CsPlaybooks.Success.Health;

/// <summary>One day of an account's product usage, as telemetry sends it.</summary>
public sealed record UsageFact(
    DateOnly Date,
    int ActiveUsers,
    double MaterialInput,
    double ContentOutput,
    IReadOnlyList<string> FeaturesUsed,
    long ApiCalls);
