using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Success.Steps.Tasks;

namespace CsPlaybooks.Success.Steps;

/// <summary>The customer-success step and trigger types (tasks, email, data), added to the engine's flow steps.</summary>
public static class SuccessSteps
{
    public static StepRegistry AddSuccessSteps(this StepRegistry registry, SuccessStepDependencies dependencies)
    {
        registry.Add(new CreateTaskStep());
        registry.Add(new WaitForTaskStep());
        registry.Add(new AssignCsmStep());
        return registry;
    }
}

/// <summary>What customer-success steps need from the host, handed over once at start-up.</summary>
public sealed record SuccessStepDependencies;
