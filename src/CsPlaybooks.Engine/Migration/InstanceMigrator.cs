using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Steps.Flow;
using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Engine.Migration;

/// <summary>Where one waiting/ready path of an instance lands in the target version.</summary>
public sealed record MigratedPosition(string FromStepId, string ToStepId);

/// <summary>The plan for one instance: where each path lands, or why it cannot move.</summary>
public sealed record MigrationPlan(bool CanMigrate, string? Reason, IReadOnlyList<MigratedPosition> Positions);

/// <summary>
/// Moves a running instance to another version of its playbook. Each path keeps its position (mapped through
/// the step map, or by equal id); a waiting path keeps its bookmark and due time, so finished steps never run again.
/// </summary>
public static class InstanceMigrator
{
    public static MigrationPlan Plan(CompiledPlaybook from, CompiledPlaybook to, InstanceState state, IReadOnlyDictionary<string, string> stepMap)
    {
        if (state.Status is InstanceStatus.Completed or InstanceStatus.Cancelled)
            return new(false, $"the instance is {state.Status.ToString().ToLowerInvariant()}", []);
        var positions = new List<MigratedPosition>();
        var waitingTokens = state.Bookmarks.ToDictionary(b => b.TokenId);
        foreach (var token in state.Tokens)
        {
            var target = Target(token.StepId, to, stepMap);
            if (target is null)
                return new(false, $"'{token.StepId}', where the instance is, has no step in v{to.Definition.Version}; map it to one", positions);
            if (!to.Steps.TryGetValue(target, out var targetStep))
                return new(false, $"the step map sends '{token.StepId}' to '{target}', which is not a step of v{to.Definition.Version}", positions);
            if (waitingTokens.ContainsKey(token.Id) && from.Steps.TryGetValue(token.StepId, out var sourceStep)
                && sourceStep.Type.Type != targetStep.Type.Type)
                return new(false, $"the instance waits at '{token.StepId}' ({sourceStep.Type.Type}); '{target}' in v{to.Definition.Version} is a {targetStep.Type.Type}: map it to a step of the same type", positions);
            positions.Add(new(token.StepId, target));
        }
        foreach (var joinStep in state.JoinArrivals.Keys)
            if (Target(joinStep, to, stepMap) is not { } t || !to.Steps.ContainsKey(t))
                return new(false, $"paths are gathering at the join '{joinStep}', which has no step in v{to.Definition.Version}", positions);
        return new(true, null, positions);
    }

    /// <summary>Applies a plan that <see cref="Plan"/> allowed; returns the new state and a journal entry.</summary>
    public static (InstanceState State, JournalEntry Entry) Apply(CompiledPlaybook from, CompiledPlaybook to, InstanceState state, IReadOnlyDictionary<string, string> stepMap, DateTimeOffset now)
    {
        var plan = Plan(from, to, state, stepMap);
        if (!plan.CanMigrate) throw new InvalidOperationException(plan.Reason);
        var next = state.Clone();
        next.Tokens = next.Tokens.Select(t => t with { StepId = Target(t.StepId, to, stepMap)! }).ToList();
        next.Bookmarks = next.Bookmarks.Select(b =>
        {
            var target = to.Steps[Target(b.StepId, to, stepMap)!];
            var eventName = target.Settings is WaitForEventSettings w ? w.Event : b.EventName;
            return b with { StepId = target.Id, EventName = eventName };
        }).ToList();
        next.CompletedSteps = next.CompletedSteps.Select(s => Target(s, to, stepMap) ?? s).ToHashSet();
        next.JoinArrivals = next.JoinArrivals.ToDictionary(kv => Target(kv.Key, to, stepMap)!, kv => kv.Value);
        var moves = string.Join(", ", plan.Positions.Select(p => p.FromStepId == p.ToStepId ? p.FromStepId : $"{p.FromStepId} → {p.ToStepId}"));
        var entry = new JournalEntry(now, null, JournalKinds.Migrated,
            $"migrated from v{from.Definition.Version} to v{to.Definition.Version}" + (moves.Length > 0 ? $": {moves}" : ""),
            new JsonObject { ["fromVersion"] = from.Definition.Version, ["toVersion"] = to.Definition.Version });
        return (next, entry);
    }

    private static string? Target(string stepId, CompiledPlaybook to, IReadOnlyDictionary<string, string> stepMap) =>
        stepMap.TryGetValue(stepId, out var mapped) ? mapped : to.Steps.ContainsKey(stepId) ? stepId : null;
}
