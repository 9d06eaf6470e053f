using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Triggers;

namespace CsPlaybooks.Engine.Validation;

public sealed record CompileResult(CompiledPlaybook? Playbook, IReadOnlyList<DefinitionError> Errors)
{
    public bool IsValid => Errors.Count == 0;
}

/// <summary>
/// Checks a definition and compiles it. Every rule reports the step id and a readable message:
/// unknown step type, missing/duplicate ids, bad settings (durations, templates, conditions), dangling
/// connections, unknown outcomes, unreachable steps, cycles with no waiting step, bad trigger.
/// </summary>
public sealed class PlaybookCompiler(StepRegistry registry, TriggerCompileOptions? triggerOptions = null)
{
    private readonly TriggerCompileOptions _triggerOptions = triggerOptions ?? new();

    public StepRegistry Registry => registry;

    public CompileResult Compile(string json)
    {
        var read = PlaybookJson.Read(json);
        if (read.Definition is null) return new(null, read.Errors);
        var compiled = Compile(read.Definition);
        return read.Errors.Count == 0 ? compiled : new(null, [.. read.Errors, .. compiled.Errors]);
    }

    public CompileResult Compile(PlaybookDefinition definition)
    {
        var errors = new List<DefinitionError>();
        if (string.IsNullOrWhiteSpace(definition.Id) || !IsSlug(definition.Id))
            errors.Add(new(null, "id", $"the playbook id \"{definition.Id}\" must be lower-case letters, digits and dashes, e.g. \"novice-start\""));
        if (definition.Steps.Count == 0) errors.Add(new(null, "steps", "a playbook needs at least one step"));

        var steps = new Dictionary<string, CompiledStep>(StringComparer.Ordinal);
        foreach (var step in definition.Steps)
        {
            if (steps.ContainsKey(step.Id) || errors.Any(e => e.StepId == step.Id && e.Field == "id"))
            {
                errors.Add(new(step.Id, "id", $"the id '{step.Id}' is used by more than one step"));
                continue;
            }
            var type = registry.FindStep(step.Type);
            if (type is null)
            {
                errors.Add(new(step.Id, "type", $"unknown step type \"{step.Type}\"; known types: {string.Join(", ", registry.Steps.Select(s => s.Type).Order())}"));
                continue;
            }
            var settings = type.Compile(new SettingsReader(step.Id, step.Settings, errors));
            if (settings is not null) steps[step.Id] = new CompiledStep(step, type, settings, type.Outcomes.Evaluate(step.Settings));
        }

        var ids = definition.Steps.Select(s => s.Id).ToHashSet(StringComparer.Ordinal);
        if (definition.Start is not null && !ids.Contains(definition.Start))
            errors.Add(new(null, "start", $"the start step '{definition.Start}' does not exist"));

        CheckConnections(definition, ids, steps, errors);
        foreach (var step in steps.Values)
            step.Type.CheckReferences(step.Settings, definition.Steps, (field, message) => errors.Add(new(step.Id, field, message)));
        var triggerSettings = CompileTrigger(definition.Trigger, errors);

        if (errors.Count == 0) GraphRules.Check(definition, steps, errors);
        return errors.Count == 0
            ? new(new CompiledPlaybook(definition, steps, triggerSettings), [])
            : new(null, errors);
    }

    private static void CheckConnections(PlaybookDefinition definition, HashSet<string> ids, Dictionary<string, CompiledStep> steps, List<DefinitionError> errors)
    {
        foreach (var c in definition.Connections)
        {
            if (!ids.Contains(c.From))
                errors.Add(new(c.From, "connections", $"a connection starts at '{c.From}', which is not a step"));
            if (!ids.Contains(c.To))
                errors.Add(new(ids.Contains(c.From) ? c.From : null, "connections", $"a connection from '{c.From}' goes to '{c.To}', which is not a step"));
            if (steps.TryGetValue(c.From, out var from) && !from.Outcomes.Contains(c.OutcomeOrDefault))
            {
                var known = from.Outcomes.Count == 0 ? "it has no outcomes (nothing can follow it)" : $"its outcomes are: {string.Join(", ", from.Outcomes)}";
                errors.Add(new(c.From, "connections", $"'{c.From}' ({from.Type.Type}) has no outcome \"{c.OutcomeOrDefault}\"; {known}"));
            }
        }
        foreach (var step in definition.Steps.Where(s => s.Join == JoinMode.All))
        {
            var inbound = definition.Connections.Count(c => c.To == step.Id);
            if (inbound < 2) errors.Add(new(step.Id, "join", $"join \"all\" needs at least two incoming connections; '{step.Id}' has {inbound}"));
        }
    }

    private object? CompileTrigger(TriggerDefinition? trigger, List<DefinitionError> errors)
    {
        if (trigger is null) return null;
        var type = registry.FindTrigger(trigger.Type);
        if (type is null)
        {
            errors.Add(new(null, "trigger.type", $"unknown trigger type \"{trigger.Type}\"; known types: {string.Join(", ", registry.Triggers.Select(t => t.Type).Order())}"));
            return null;
        }
        var before = errors.Count;
        var settings = type.Compile(new SettingsReader("trigger", trigger.Settings, errors), _triggerOptions);
        for (var i = before; i < errors.Count; i++)
            errors[i] = errors[i] with { StepId = null, Field = $"trigger.{errors[i].Field}" };
        return settings;
    }

    private static bool IsSlug(string id) => id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_' or '.');
}
