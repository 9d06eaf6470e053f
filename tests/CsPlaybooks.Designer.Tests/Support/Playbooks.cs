namespace CsPlaybooks.Designer.Tests.Support;

/// <summary>Playbook definitions the tests create through the API (each test uses its own id).</summary>
public static class Playbooks
{
    /// <summary>One createTask step ("Kick-off call with {account}", for the given assignee) and an end.</summary>
    public static object KickOffTask(string id, string assignee) => new
    {
        id, name = "E2E " + id, trigger = new { type = "manual" },
        steps = new object[]
        {
            new { id = "kick-off", type = "createTask", assignee, title = "Kick-off call with {{ account.name }}", due = "P3D", position = new { x = 0, y = 0 } },
            new { id = "done", type = "end", position = new { x = 0, y = 200 } },
        },
        connections = new[] { new { from = "kick-off", to = "done" } },
    };

    /// <summary>Wait for account.opened up to 7 days: received → welcome-done, timeout → gave-up.</summary>
    public static object WaitForOpened(string id, string name = "Wait for opened") => new
    {
        id, name,
        trigger = new { type = "manual" },
        steps = new object[]
        {
            new { id = "wait-opened", type = "waitForEvent", @event = "account.opened", timeout = "P7D", position = new { x = 0, y = 0 } },
            new { id = "welcome-done", type = "end", position = new { x = -150, y = 200 } },
            new { id = "gave-up", type = "end", position = new { x = 150, y = 200 } },
        },
        connections = new object[]
        {
            new { from = "wait-opened", outcome = "received", to = "welcome-done" },
            new { from = "wait-opened", outcome = "timeout", to = "gave-up" },
        },
    };

    /// <summary>A chain of <paramref name="count"/> steps (waits, every tenth a branch) on a snake grid; ends with an end step.</summary>
    public static object Large(string id, int count)
    {
        var steps = new List<object>();
        for (var i = 0; i < count; i++)
        {
            var row = i / 10;
            var col = row % 2 == 0 ? i % 10 : 9 - i % 10;
            var position = new { x = col * 280, y = row * 160 };
            var stepId = StepId(i);
            if (i == count - 1) steps.Add(new { id = stepId, type = "end", position });
            else if (i % 10 == 5) steps.Add(new { id = stepId, type = "branch", condition = "account.tier == \"KA\"", position });
            else steps.Add(new { id = stepId, type = "wait", duration = $"P{i % 6 + 1}D", position });
        }
        var connections = LargeConnections(count).Select(c => c.Outcome is null ? (object)new { from = c.From, to = c.To } : new { from = c.From, outcome = c.Outcome, to = c.To });
        return new { id, name = $"Large ({count} steps)", trigger = new { type = "manual" }, steps, connections };
    }

    /// <summary>The connections <see cref="Large"/> makes: one into every step but the first, two (true and false) out of each branch.</summary>
    public static List<(string From, string? Outcome, string To)> LargeConnections(int count)
    {
        var connections = new List<(string, string?, string)>();
        for (var i = 1; i < count; i++)
        {
            if ((i - 1) % 10 == 5)
            {
                connections.Add((StepId(i - 1), "true", StepId(i)));
                connections.Add((StepId(i - 1), "false", StepId(i)));
            }
            else connections.Add((StepId(i - 1), null, StepId(i)));
        }
        return connections;
    }

    private static string StepId(int i) => $"s{i:000}";
}
