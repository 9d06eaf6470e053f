using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Time;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Steps.Flow;

public sealed record WaitForEventSettings(string Event, CalendarPeriod? Timeout, LiquidCondition? When);

/// <summary>Waits for an event of the instance's account; outcomes <c>received</c> or <c>timeout</c>.</summary>
public sealed class WaitForEventStep : StepType<WaitForEventSettings>
{
    public const string Received = "received";
    public const string TimedOut = "timeout";

    public override string Type => "waitForEvent";
    public override StepCategory Category => StepCategory.Flow;
    public override string Description => "Wait for an event of this account (e.g. account.opened), with an optional timeout.";
    public override bool CanWait => true;
    public override System.Text.Json.Nodes.JsonObject SettingsSchema => Object(new()
    {
        ["event"] = String("Event name, e.g. account.opened", FieldLimits.EventName),
        ["timeout"] = Duration("Give up after this long and leave by 'timeout'"),
        ["when"] = String("Optional condition on the event, e.g. event.data.module == \"crm\""),
    }, "event");

    protected override WaitForEventSettings Read(SettingsReader reader) =>
        new(reader.RequiredString("event", "\"account.opened\"", FieldLimits.EventName), reader.Period("timeout", required: false), reader.Condition("when", required: false));

    public override OutcomeRule Outcomes { get; } = new([Received], WhenSet: [new("timeout", TimedOut)]);

    protected override StepResult Execute(StepContext context, WaitForEventSettings settings)
    {
        var due = settings.Timeout?.AddTo(context.NowInstant, context.Zone).ToDateTimeOffset();
        var until = due is null ? "" : $" until {due:yyyy-MM-dd HH:mm} UTC";
        return new StepResult.Wait(new BookmarkRequest(settings.Event, due), $"waiting for {settings.Event}{until}");
    }

    protected override StepResult Resume(StepContext context, WaitForEventSettings settings, Bookmark bookmark, ResumeSignal signal) => signal switch
    {
        ResumeSignal.TimerFired => new StepResult.Next(TimedOut, $"no {settings.Event} within {settings.Timeout}"),
        ResumeSignal.EventReceived e when settings.When is { } when && !when.Evaluate(context.Model) =>
            new StepResult.Ignore($"{e.Name} did not match: {when.Source}"),
        ResumeSignal.EventReceived e => new StepResult.Next(Received, $"received {e.Name}"),
        _ => new StepResult.Next(Received, "resumed"),
    };
}
