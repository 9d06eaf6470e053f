using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Time;

namespace CsPlaybooks.Success.Simulation;

/// <summary>
/// In a simulation, the assignee completes the tasks of a createTask step (of one playbook, or of any when
/// <paramref name="Playbook"/> is null) <paramref name="After"/> they were created, reporting <paramref name="Result"/>
/// (e.g. <c>{ "cause": "management-changed" }</c>). Tasks without a rule stay open, as they would if nobody acted.
/// </summary>
public sealed record TaskCompletionRule(string? Playbook, string Step, CalendarPeriod After, JsonObject? Result = null);
