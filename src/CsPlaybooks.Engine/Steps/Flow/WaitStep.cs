using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Time;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Steps.Flow;

public sealed record WaitSettings(CalendarPeriod Duration);

/// <summary>Waits an ISO-8601 duration on the account's calendar (P1M from Jan 31 is Feb 28).</summary>
public sealed class WaitStep : StepType<WaitSettings>
{
    public override string Type => "wait";
    public override StepCategory Category => StepCategory.Flow;
    public override string Description => "Wait a duration (ISO-8601, calendar-aware in the account's time zone).";
    public override bool CanWait => true;
    public override System.Text.Json.Nodes.JsonObject SettingsSchema =>
        Object(new() { ["duration"] = Duration("How long to wait, e.g. P7D") }, "duration");

    protected override WaitSettings Read(SettingsReader reader) => new(reader.Period("duration", required: true) ?? default);

    protected override StepResult Execute(StepContext context, WaitSettings settings)
    {
        var due = settings.Duration.AddTo(context.NowInstant, context.Zone).ToDateTimeOffset();
        return new StepResult.Wait(new BookmarkRequest(null, due), $"waiting {settings.Duration} until {due:yyyy-MM-dd HH:mm} UTC");
    }

    protected override StepResult Resume(StepContext context, WaitSettings settings, Bookmark bookmark, ResumeSignal signal) =>
        StepResult.Done($"waited {settings.Duration}");
}
