using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;

namespace CsPlaybooks.Engine.Steps;

/// <summary>
/// The outcomes a step type declares, as data: the items of a list setting (a switch's cases), then fixed outcomes,
/// then an outcome for each optional setting that is given (a wait's timeout). The engine compiles every step's
/// outcomes from it and /api/step-types publishes it, so the designer draws exactly the handles the engine accepts.
/// </summary>
public sealed record OutcomeRule(IReadOnlyList<string> Fixed, string? PerItemOf = null, IReadOnlyList<OutcomeWhenSet>? WhenSet = null)
{
    public static readonly OutcomeRule Done = new([Outcomes.Done]);

    public static OutcomeRule Of(params string[] fixedOutcomes) => new(fixedOutcomes);

    /// <summary>The outcomes of one step, from its settings (already checked by the type's <see cref="StepType.Compile"/>).</summary>
    public IReadOnlyList<string> Evaluate(JsonObject settings)
    {
        var outcomes = new List<string>();
        if (PerItemOf is not null && settings[PerItemOf] is JsonArray items)
            outcomes.AddRange(items.Select(i => i?.GetValueKind() == JsonValueKind.String ? i.GetValue<string>() : null).OfType<string>());
        outcomes.AddRange(Fixed);
        foreach (var extra in WhenSet ?? [])
            if (settings[extra.Setting] is JsonValue v && (v.GetValueKind() != JsonValueKind.String || !string.IsNullOrWhiteSpace(v.GetValue<string>())))
                outcomes.Add(extra.Outcome);
        return outcomes.Distinct(StringComparer.Ordinal).ToList();
    }
}

/// <summary>An outcome a step has only while <see cref="Setting"/> is given.</summary>
public sealed record OutcomeWhenSet(string Setting, string Outcome);
