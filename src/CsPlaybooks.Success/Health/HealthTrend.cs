namespace CsPlaybooks.Success.Health;

/// <summary>Which way an account's health is going: up / down / flat between its latest two periods; unknown with fewer than two.</summary>
public static class HealthTrend
{
    public static string Of(IReadOnlyList<int>? scoresLatestFirst) =>
        scoresLatestFirst is not [var now, var before, ..] ? "unknown" : now > before ? "up" : now < before ? "down" : "flat";
}
