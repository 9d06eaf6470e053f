using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Engine.Simulation;

/// <summary>One playbook of a simulation: its enrolments and its trigger's memory (occurrences enrolled, segment membership, next tick).</summary>
internal sealed class SimulationTrack(CompiledPlaybook playbook, int index)
{
    public CompiledPlaybook Playbook { get; } = playbook;
    public int Index { get; } = index;
    public string Id => Playbook.Definition.Id;
    public List<SimulatedInstance> Instances { get; } = [];
    public HashSet<string> Occurrences { get; } = [];
    public HashSet<string> Skipped { get; } = [];
    public bool InSegment { get; set; }
    /// <summary>The account version a segment was last checked against (-1: never).</summary>
    public int CheckedVersion { get; set; } = -1;
    public DateTimeOffset? NextTick { get; set; }
}

internal sealed class SimulatedInstance(SimulationTrack track, int number, Guid id, bool holdout, SimulatedEnrolment enrolment)
{
    public SimulationTrack Track { get; } = track;
    public int Number { get; } = number;
    public Guid Id { get; } = id;
    public bool Holdout { get; } = holdout;
    public SimulatedEnrolment Enrolment { get; } = enrolment;
    public InstanceState State { get; set; } = new();
}
