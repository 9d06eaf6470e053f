using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Triggers;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Validation;

/// <summary>The trigger and the enrolment rules; trigger errors are reported as playbook-level fields "trigger.*".</summary>
public class TriggerAndEnrolmentRulesTests
{
    private static string WithExtra(string extra) => Playbook("""{ "id": "a", "type": "end" }""", extra: extra);

    [Fact]
    public void Compile_UnknownTriggerType_ListsTheKnownTypes()
    {
        var result = CompileResult(WithExtra(""" "trigger": { "type": "webhook" } """));

        AssertError(result, null, "trigger.type", "unknown trigger type \"webhook\"; known types: event, manual, schedule");
    }

    [Fact]
    public void Compile_TriggerWithoutType_ReportsTriggerType()
    {
        var result = CompileResult(WithExtra(""" "trigger": { "event": "account.signed" } """));

        AssertError(result, null, "trigger.type", "the trigger needs a 'type'");
    }

    [Fact]
    public void Compile_EventTriggerWithoutEvent_ReportsTriggerEvent()
    {
        var result = CompileResult(WithExtra(""" "trigger": { "type": "event" } """));

        AssertError(result, null, "trigger.event", "'event' is required");
    }

    [Theory]
    [InlineData("0 9 * *", 4)]
    [InlineData("0 0 9 1 * ? 2026 extra", 8)]
    public void Compile_ScheduleCronWithWrongFieldCount_ReportsTriggerCron(string cron, int fields)
    {
        var result = CompileResult(WithExtra($$""" "trigger": { "type": "schedule", "cron": "{{cron}}" } """));

        AssertError(result, null, "trigger.cron", $"\"{cron}\" has {fields} fields; a Quartz cron has 6 or 7");
    }

    [Fact]
    public void Compile_ScheduleCronRejectedByHostParser_ReportsTheHostsMessage()
    {
        var options = new TriggerCompileOptions(cron => cron.Contains("61") ? "minute 61 is out of range" : null);
        var compiler = new PlaybookCompiler(StepRegistry.CreateDefault(), options);

        var result = compiler.Compile(WithExtra(""" "trigger": { "type": "schedule", "cron": "0 61 9 1 * ?" } """));

        AssertError(result, null, "trigger.cron", "minute 61 is out of range");
    }

    [Fact]
    public void Compile_ScheduleWithUnknownTimeZone_ReportsTriggerTimeZone()
    {
        var result = CompileResult(WithExtra(""" "trigger": { "type": "schedule", "cron": "0 0 9 1 * ?", "timeZone": "Mars/Olympus" } """));

        AssertError(result, null, "trigger.timeZone", "unknown time zone \"Mars/Olympus\"");
    }

    [Fact]
    public void Compile_ValidSchedule_CompilesTriggerSettings()
    {
        var result = CompileResult(WithExtra(""" "trigger": { "type": "schedule", "cron": "0 0 9 1 * ?", "timeZone": "Europe/Berlin" } """));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var settings = Assert.IsType<ScheduleTriggerSettings>(result.Playbook!.TriggerSettings);
        Assert.Equal("Europe/Berlin", settings.TimeZone);
    }

    [Fact]
    public void Compile_InvalidReentry_ReportsEnrolmentReentry()
    {
        var result = CompileResult(WithExtra(""" "enrolment": { "reentry": "sometimes" } """));

        AssertError(result, null, "enrolment.reentry", "'reentry' must be \"never\", \"afterExit\" or \"always\", not \"sometimes\"");
    }

    [Theory]
    [InlineData("101")]
    [InlineData("-1")]
    [InlineData("12.5")]
    [InlineData("\"10\"")]
    public void Compile_HoldoutPercentOutOfRange_ReportsEnrolmentHoldoutPercent(string value)
    {
        var result = CompileResult(WithExtra($$""" "enrolment": { "holdoutPercent": {{value}} } """));

        AssertError(result, null, "enrolment.holdoutPercent", "whole number from 0 to 100");
    }

    [Fact]
    public void Compile_ValidEnrolment_KeepsTheRules()
    {
        var result = CompileResult(WithExtra(""" "enrolment": { "reentry": "never", "holdoutPercent": 10 } """));

        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal(new EnrolmentRules { Reentry = ReentryRule.Never, HoldoutPercent = 10 }, result.Playbook!.Definition.Enrolment);
    }
}
