using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Success.Email;
using CsPlaybooks.Success.Steps.Email;

namespace CsPlaybooks.Success.Steps;

/// <summary>The customer-success step and trigger types (tasks, email, data), added to the engine's flow steps.</summary>
public static class SuccessSteps
{
    public static StepRegistry AddSuccessSteps(this StepRegistry registry, SuccessStepDependencies dependencies)
    {
        registry.Add(new SendEmailStep(dependencies.EmailTemplates));
        return registry;
    }
}

/// <summary>What customer-success steps need from the host, handed over once at start-up.</summary>
public sealed record SuccessStepDependencies
{
    /// <summary>Email templates for <c>sendEmail</c> (workflows/templates/ in the host).</summary>
    public IEmailTemplateLibrary EmailTemplates { get; init; } = NoEmailTemplates.Instance;
}
