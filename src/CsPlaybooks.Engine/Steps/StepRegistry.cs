using CsPlaybooks.Engine.Steps.Flow;
using CsPlaybooks.Engine.Triggers;

namespace CsPlaybooks.Engine.Steps;

/// <summary>The palette: every step type and trigger type the compiler accepts, by name.</summary>
public sealed class StepRegistry
{
    private readonly Dictionary<string, StepType> _steps = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TriggerType> _triggers = new(StringComparer.Ordinal);

    public IReadOnlyCollection<StepType> Steps => _steps.Values;
    public IReadOnlyCollection<TriggerType> Triggers => _triggers.Values;

    /// <summary>The flow steps and the engine's own triggers.</summary>
    public static StepRegistry CreateDefault() => new StepRegistry()
        .Add(new WaitStep()).Add(new WaitUntilStep()).Add(new WaitForEventStep())
        .Add(new BranchStep()).Add(new SwitchStep()).Add(new StartPlaybookStep())
        .Add(new EndStep()).Add(new SetVariableStep())
        .Add(new EventTrigger()).Add(new ScheduleTrigger()).Add(new ManualTrigger());

    public StepRegistry Add(StepType type)
    {
        if (!_steps.TryAdd(type.Type, type)) throw new InvalidOperationException($"step type '{type.Type}' is registered twice");
        return this;
    }

    public StepRegistry Add(TriggerType type)
    {
        if (!_triggers.TryAdd(type.Type, type)) throw new InvalidOperationException($"trigger type '{type.Type}' is registered twice");
        return this;
    }

    public StepType? FindStep(string type) => _steps.GetValueOrDefault(type);
    public TriggerType? FindTrigger(string type) => _triggers.GetValueOrDefault(type);
}
