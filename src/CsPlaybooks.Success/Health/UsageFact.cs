using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Success.Health;

/// <summary>One day of an account's product usage, as telemetry sends it.</summary>
public sealed record UsageFact(
    DateOnly Date,
    int ActiveUsers,
    double MaterialInput,
    double ContentOutput,
    IReadOnlyList<string> FeaturesUsed,
    long ApiCalls)
{
    /// <summary>Reads <c>{ date, activeUsers, materialInput, contentOutput, featuresUsed, apiCalls }</c>; problems go to the fields' errors.</summary>
    public static UsageFact Read(JsonFields row)
    {
        var date = row.Date("date", required: true);
        var active = row.Int("activeUsers", 0, int.MaxValue) ?? 0;
        var features = row.Strings("featuresUsed", FieldLimits.Id) ?? [];
        return new UsageFact(date ?? default, active, row.Number("materialInput", min: 0) ?? 0, row.Number("contentOutput", min: 0) ?? 0,
            features.ToList(), (long)(row.Number("apiCalls", min: 0) ?? 0));
    }
}
