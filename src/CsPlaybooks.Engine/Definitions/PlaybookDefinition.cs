using System.Text.Json.Nodes;

namespace CsPlaybooks.Engine.Definitions;

/// <summary>A playbook as CS ops write it: steps joined by connections, one trigger, enrolment rules.</summary>
public sealed record PlaybookDefinition
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>Set by publishing; 0 for a draft.</summary>
    public int Version { get; init; }
    public string? Description { get; init; }
    /// <summary>The step an instance starts at; defaults to the first step.</summary>
    public string? Start { get; init; }
    public TriggerDefinition? Trigger { get; init; }
    public EnrolmentRules Enrolment { get; init; } = new();
    public IReadOnlyList<StepDefinition> Steps { get; init; } = [];
    public IReadOnlyList<ConnectionDefinition> Connections { get; init; } = [];
    /// <summary>Instance variables with their initial values.</summary>
    public JsonObject Variables { get; init; } = [];

    public string StartStepId => Start ?? (Steps.Count > 0 ? Steps[0].Id : "");
}

/// <summary>One step: its id, its type and the type's own settings (every other JSON property).</summary>
public sealed record StepDefinition(string Id, string Type, JsonObject Settings)
{
    public string? Name { get; init; }
    public Position? Position { get; init; }
    /// <summary>How a step reached by several paths runs: once per arriving path (any) or once all its inbound connections arrived (all).</summary>
    public JoinMode Join { get; init; } = JoinMode.Any;
}

public sealed record Position(double X, double Y);

public enum JoinMode { Any, All }

/// <summary>An edge from one step's named outcome (default "done") to another step.</summary>
public sealed record ConnectionDefinition(string From, string To, string? Outcome = null)
{
    public string OutcomeOrDefault => string.IsNullOrEmpty(Outcome) ? Outcomes.Done : Outcome;
}

public static class Outcomes
{
    public const string Done = "done";
}

/// <summary>What starts instances: its type ("event", "schedule", "manual", …) and that type's settings.</summary>
public sealed record TriggerDefinition(string Type, JsonObject Settings);

/// <summary>Whether an account may enter again, and the share of enrolled accounts held out as a control group.</summary>
public sealed record EnrolmentRules
{
    public ReentryRule Reentry { get; init; } = ReentryRule.AfterExit;
    public int HoldoutPercent { get; init; }
}

public enum ReentryRule
{
    /// <summary>An account enters at most once, ever.</summary>
    Never,
    /// <summary>An account enters again only when its previous instance has finished (default).</summary>
    AfterExit,
    /// <summary>An account may run several instances at once.</summary>
    Always,
}
