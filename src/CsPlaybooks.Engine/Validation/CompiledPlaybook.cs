using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Steps;

namespace CsPlaybooks.Engine.Validation;

/// <summary>A checked definition ready to run: settings parsed, templates compiled, connections indexed. Cache one per version.</summary>
public sealed class CompiledPlaybook
{
    private readonly Dictionary<(string, string), List<ConnectionDefinition>> _outgoing;
    private readonly Dictionary<string, int> _inbound;

    internal CompiledPlaybook(PlaybookDefinition definition, Dictionary<string, CompiledStep> steps, object? triggerSettings)
    {
        Definition = definition;
        Steps = steps;
        TriggerSettings = triggerSettings;
        _outgoing = definition.Connections.GroupBy(c => (c.From, c.OutcomeOrDefault)).ToDictionary(g => g.Key, g => g.ToList());
        _inbound = definition.Connections.GroupBy(c => c.To).ToDictionary(g => g.Key, g => g.Count());
    }

    public PlaybookDefinition Definition { get; }
    public IReadOnlyDictionary<string, CompiledStep> Steps { get; }
    public CompiledStep Start => Steps[Definition.StartStepId];
    /// <summary>The trigger's compiled settings (e.g. <see cref="Triggers.EventTriggerSettings"/>), or null without a trigger.</summary>
    public object? TriggerSettings { get; }

    public IReadOnlyList<ConnectionDefinition> Outgoing(string stepId, string outcome) =>
        _outgoing.TryGetValue((stepId, outcome), out var list) ? list : [];

    public int InboundCount(string stepId) => _inbound.GetValueOrDefault(stepId);
}

public sealed record CompiledStep(StepDefinition Definition, StepType Type, object Settings, IReadOnlyList<string> Outcomes)
{
    public string Id => Definition.Id;
}
