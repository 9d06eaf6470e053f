using CsPlaybooks.Engine.Definitions;

namespace CsPlaybooks.Engine.Validation;

/// <summary>Graph-level rules, checked once steps and connections are individually valid.</summary>
internal static class GraphRules
{
    public static void Check(PlaybookDefinition definition, IReadOnlyDictionary<string, CompiledStep> steps, List<DefinitionError> errors)
    {
        var next = definition.Connections.GroupBy(c => c.From).ToDictionary(g => g.Key, g => g.Select(c => c.To).Distinct().ToList());
        CheckReachable(definition, next, errors);
        CheckCycles(definition, steps, next, errors);
    }

    private static void CheckReachable(PlaybookDefinition definition, Dictionary<string, List<string>> next, List<DefinitionError> errors)
    {
        var seen = new HashSet<string> { definition.StartStepId };
        var stack = new Stack<string>(seen);
        while (stack.TryPop(out var id))
            foreach (var to in next.GetValueOrDefault(id) ?? [])
                if (seen.Add(to)) stack.Push(to);
        foreach (var step in definition.Steps.Where(s => !seen.Contains(s.Id)))
            errors.Add(new(step.Id, null, $"'{step.Id}' can never be reached from the start step '{definition.StartStepId}'; connect it or delete it"));
    }

    /// <summary>Tarjan's strongly connected components: every cycle must pass a step that can wait, or it would spin forever.</summary>
    private static void CheckCycles(PlaybookDefinition definition, IReadOnlyDictionary<string, CompiledStep> steps, Dictionary<string, List<string>> next, List<DefinitionError> errors)
    {
        var index = 0;
        var indexes = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var onStack = new HashSet<string>();

        void Visit(string v)
        {
            indexes[v] = low[v] = index++;
            stack.Push(v);
            onStack.Add(v);
            foreach (var w in next.GetValueOrDefault(v) ?? [])
            {
                if (!indexes.ContainsKey(w))
                {
                    Visit(w);
                    low[v] = Math.Min(low[v], low[w]);
                }
                else if (onStack.Contains(w)) low[v] = Math.Min(low[v], indexes[w]);
            }
            if (low[v] != indexes[v]) return;
            var component = new List<string>();
            string x;
            do
            {
                x = stack.Pop();
                onStack.Remove(x);
                component.Add(x);
            } while (x != v);
            var isCycle = component.Count > 1 || (next.GetValueOrDefault(v)?.Contains(v) ?? false);
            if (isCycle && !component.Any(id => steps[id].Type.CanWait))
            {
                var order = definition.Steps.Select(s => s.Id).Where(component.Contains).ToList();
                errors.Add(new(order[0], "connections", $"the loop {string.Join(" → ", order)} → {order[0]} has no waiting step (wait, waitUntil, waitForEvent, waitForTask) and would run forever"));
            }
        }

        foreach (var step in definition.Steps)
            if (!indexes.ContainsKey(step.Id)) Visit(step.Id);
    }
}
