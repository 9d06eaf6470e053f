using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Time;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Triggers;

public sealed record ScheduleTriggerSettings(string Cron, string TimeZone, LiquidCondition? When)
{
    /// <summary>The occurrence (enrolment-key part) for an account at a cron tick, or null when <c>when</c> does not hold for it.</summary>
    public string? Occurrence(TemplateModel account, DateTimeOffset fireTime) =>
        When is { } when && !when.Evaluate(account) ? null : $"schedule:{fireTime.UtcDateTime:yyyyMMddTHHmmssZ}";
}

/// <summary>
/// On a cron schedule (Quartz syntax: seconds minutes hours day-of-month month day-of-week, e.g. "0 0 9 1 * ?"),
/// enrols every account for which <c>when</c> holds.
/// </summary>
public sealed class ScheduleTrigger : TriggerType
{
    public override string Type => "schedule";
    public override string Description => "Run on a schedule (cron) for every account matching a condition.";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["cron"] = String("Quartz cron: sec min hour day-of-month month day-of-week, e.g. \"0 0 9 1 * ?\" (09:00 on the 1st)"),
        ["timeZone"] = String("IANA zone the cron is read in (default UTC)"),
        ["when"] = String("Liquid condition an account must meet, e.g. account.stage == \"growth\""),
    }, "cron");

    public override object? Compile(SettingsReader reader, TriggerCompileOptions options)
    {
        var cron = reader.RequiredString("cron", "\"0 0 9 1 * ?\"");
        if (cron.Length > 0)
        {
            var fields = cron.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
            var error = fields is < 6 or > 7
                ? $"\"{cron}\" has {fields} fields; a Quartz cron has 6 or 7 (sec min hour day-of-month month day-of-week [year]), e.g. \"0 0 9 1 * ?\""
                : options.CronError?.Invoke(cron);
            if (error is not null) reader.Error("cron", error);
        }
        var zone = reader.OptionalString("timeZone") ?? "UTC";
        if (!TimeZones.TryGet(zone, out _)) reader.Error("timeZone", $"unknown time zone \"{zone}\"; use an IANA id such as \"Europe/Berlin\"");
        var settings = new ScheduleTriggerSettings(cron, zone, reader.Condition("when", required: false));
        return reader.HasErrors ? null : settings;
    }
}
