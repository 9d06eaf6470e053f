using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Success.Steps.Data;
using CsPlaybooks.Success.Steps.Tasks;
using CsPlaybooks.Success.Triggers;
using CsPlaybooks.Success.Email;
using CsPlaybooks.Success.Steps.Email;
using CsPlaybooks.Success.Steps.Integration;
using CsPlaybooks.Success.Steps.Surveys;

namespace CsPlaybooks.Success.Steps;

/// <summary>The customer-success step and trigger types (tasks, email, data), added to the engine's flow steps.</summary>
public static class SuccessSteps
{
    public static StepRegistry AddSuccessSteps(this StepRegistry registry, SuccessStepDependencies dependencies)
    {
        return registry
            .Add(new SetStageStep())
            .Add(new SetFieldStep())
            .Add(new RecordReasonStep())
            .Add(new CheckHandoverPacketStep())
            .Add(new AssessRenewalStep())
            .Add(new MonthlyReportStep())
            .Add(new WebhookStep())
            .Add(new NotifyStep())
            .Add(new CreateTaskStep())
            .Add(new WaitForTaskStep())
            .Add(new AssignCsmStep())
            .Add(new ContractDateTrigger())
            .Add(new SegmentTrigger())
            .Add(new SendEmailStep(dependencies.EmailTemplates))
            .Add(new SendSurveyStep());
    }
}

/// <summary>What customer-success steps need from the host, handed over once at start-up.</summary>
public sealed record SuccessStepDependencies
{
    /// <summary>Email templates for <c>sendEmail</c> (workflows/templates/ in the host).</summary>
    public IEmailTemplateLibrary EmailTemplates { get; init; } = NoEmailTemplates.Instance;
}
