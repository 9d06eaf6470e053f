using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;

namespace CsPlaybooks.Host.Apis;

// The bodies of POST /api/playbooks/{id}/simulate and POST /api/simulations/lifecycle (docs/simulation.md).

/// <summary>One playbook: <c>version</c> is a number or "draft"; <c>definition</c> runs an unsaved definition instead.</summary>
public sealed record PlaybookSimulationBody(JsonNode? Version, JsonObject? Definition, string? AccountId, JsonObject? Account, DateTimeOffset? Start,
    DateTimeOffset? Until, IReadOnlyList<SimulatedEvent>? Events, IReadOnlyList<SimulatedChange>? Changes, IReadOnlyList<JsonObject>? Usage,
    IReadOnlyList<SimulatedTaskCompletion>? TaskCompletions);

/// <summary>Every published playbook together, or the chosen ones (<c>playbooks</c>: ids or { id, version }).</summary>
public sealed record LifecycleSimulationBody(IReadOnlyList<JsonNode>? Playbooks, string? AccountId, JsonObject? Account, DateTimeOffset? Start,
    DateTimeOffset? Until, IReadOnlyList<SimulatedEvent>? Events, IReadOnlyList<SimulatedChange>? Changes, IReadOnlyList<JsonObject>? Usage,
    IReadOnlyList<SimulatedTaskCompletion>? TaskCompletions);

public sealed record SimulatedEvent(DateTimeOffset? At, string Name, JsonObject? Data);
public sealed record SimulatedChange(DateTimeOffset? At, JsonObject Change);
/// <summary>A CSM completing the task of <c>step</c> <c>after</c> (ISO-8601 duration) it was created, with <c>result</c>.</summary>
public sealed record SimulatedTaskCompletion(string? Playbook, string Step, string? After, JsonObject? Result);

/// <summary>One playbook's simulated run; <c>status</c> is the last enrolment's status or "notEnrolled".</summary>
public sealed record SimulationRun(string PlaybookId, int Version, string AccountId, string Trigger, string Status, IReadOnlyList<string> WaitingAt,
    IEnumerable<SimulationEnrolment> Enrolments, IEnumerable<SimulationStep> Timeline);

public sealed record SimulationEnrolment(int Number, DateTimeOffset At, string Source, string? Occurrence, bool Holdout, InstanceStatus Status,
    IReadOnlyList<string> WaitingAt);

public sealed record SimulationStep(DateTimeOffset At, string? StepId, string Type, string Summary, JsonObject? Detail, int? Enrolment);

/// <summary>One account through several playbooks together.</summary>
public sealed record LifecycleRun(string AccountId, DateTimeOffset Start, DateTimeOffset Until, IEnumerable<LifecyclePlaybook> Playbooks,
    IEnumerable<LifecycleEnrolment> Enrolments, IEnumerable<LifecycleStep> Timeline, JsonObject? Account);

public sealed record LifecyclePlaybook(string Id, int Version, string Trigger);

public sealed record LifecycleEnrolment(string Playbook, int Version, int Number, DateTimeOffset At, string Source, string? Occurrence, bool Holdout,
    InstanceStatus Status, IReadOnlyList<string> WaitingAt);

public sealed record LifecycleStep(DateTimeOffset At, string? Playbook, int? Enrolment, string? StepId, string Type, string Summary, JsonObject? Detail);

/// <summary>POST /api/playbooks/{id}/forecast: <c>version</c> is a number or "draft".</summary>
public sealed record ForecastBody(JsonNode? Version, int? Weeks, DateTimeOffset? Start, ForecastFilter? Filter, int? TaskCapacityPerWeek);

public sealed record ForecastFilter(string? Tier, string? Stage, string? Industry, string? CsmId, string? Tag);

/// <summary>A forecast job: its state, progress and, once completed, the report (docs/simulation.md "Forecast").</summary>
public sealed record ForecastJobView(Guid Id, string PlaybookId, int? CandidateVersion, string State, DateTimeOffset CreatedAt, DateTimeOffset? FinishedAt,
    ForecastProgress Progress, JsonObject? Result, string? Error);

public sealed record ForecastProgress(int Done, int Total, int Percent);
