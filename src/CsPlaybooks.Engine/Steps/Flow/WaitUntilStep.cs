using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Time;
using NodaTime;
using NodaTime.Text;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Steps.Flow;

public sealed record WaitUntilSettings(LiquidExpression Date, CalendarPeriod? Offset, LocalTime? TimeOfDay);

/// <summary>
/// Waits until a date computed from the account, e.g. <c>date: contract.end, offset: -P4M</c>.
/// A date already past fires at once and the journal marks it late.
/// </summary>
public sealed class WaitUntilStep : StepType<WaitUntilSettings>
{
    public override string Type => "waitUntil";
    public override StepCategory Category => StepCategory.Flow;
    public override string Description => "Wait until a date expression (optionally moved by an offset, at a time of day in the account's zone).";
    public override bool CanWait => true;
    public override System.Text.Json.Nodes.JsonObject SettingsSchema => Object(new()
    {
        ["date"] = String("Liquid expression giving a date, e.g. contract.end or contract.start | term_point: contract.end, 0.6667"),
        ["offset"] = Duration("Moves the date, e.g. -P4M (4 months before)"),
        ["time"] = String("Time of day in the account's zone, HH:mm (default: start of day)"),
    }, "date");

    protected override WaitUntilSettings Read(SettingsReader reader)
    {
        var date = reader.Expression("date", required: true);
        var offset = reader.Period("offset", required: false);
        LocalTime? time = null;
        if (reader.OptionalString("time") is { } t)
        {
            var parsed = LocalTimePattern.CreateWithInvariantCulture("HH:mm").Parse(t);
            if (parsed.Success) time = parsed.Value;
            else reader.Error("time", $"'time' must be HH:mm (e.g. \"09:00\"), not \"{t}\"");
        }
        return new WaitUntilSettings(date!, offset, time);
    }

    protected override StepResult Execute(StepContext context, WaitUntilSettings settings)
    {
        var text = settings.Date.Evaluate(context.Model);
        if (!DateText.TryParse(text, context.Zone, out var at))
            return new StepResult.Fault($"the date expression '{settings.Date.Source}' gave \"{text}\", which is not a date (yyyy-MM-dd)");
        if (settings.Offset is { } offset) at = offset.AddTo(at, context.Zone);
        if (settings.TimeOfDay is { } time) at = at.InZone(context.Zone).Date.At(time).InZoneLeniently(context.Zone).ToInstant();
        var due = at.ToDateTimeOffset();
        var late = due <= context.Now ? " (already past: fires now)" : "";
        return new StepResult.Wait(new BookmarkRequest(null, due), $"waiting until {due:yyyy-MM-dd HH:mm} UTC{late}");
    }

    protected override StepResult Resume(StepContext context, WaitUntilSettings settings, Bookmark bookmark, ResumeSignal signal) =>
        StepResult.Done($"reached {bookmark.DueAt:yyyy-MM-dd HH:mm} UTC");
}
