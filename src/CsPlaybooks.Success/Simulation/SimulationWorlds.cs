using CsPlaybooks.Success.Email;
using CsPlaybooks.Success.Health;

namespace CsPlaybooks.Success.Simulation;

/// <summary>Makes one <see cref="SuccessSimulationWorld"/> per simulated account, with the host's governance and health rules.</summary>
public sealed class SimulationWorlds(EmailGovernance governance, HealthCalculator health)
{
    public SuccessSimulationWorld Create(IReadOnlyList<TaskCompletionRule> completions, string? leadCsmId = null) => new(governance, health, completions, leadCsmId);
}
