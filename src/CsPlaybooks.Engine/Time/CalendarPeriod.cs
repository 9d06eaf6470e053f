using NodaTime;
using NodaTime.Text;

namespace CsPlaybooks.Engine.Time;

/// <summary>
/// An ISO-8601 duration applied on the calendar of a time zone: the date part
/// (years, months, weeks, days) moves the local date, so 2026-01-31 + P1M = 2026-02-28
/// and P1D across a DST change keeps the wall-clock time; the time part (hours,
/// minutes, seconds) is then added as elapsed time. A leading '-' makes it negative.
/// </summary>
public readonly record struct CalendarPeriod(Period Period, bool IsNegative)
{
    public static bool TryParse(string? text, out CalendarPeriod value, out string error)
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "a duration is required, e.g. \"P7D\" (7 days), \"P1M\" (1 month) or \"PT2H\" (2 hours)";
            return false;
        }
        var trimmed = text.Trim();
        var negative = trimmed.StartsWith('-');
        if (negative) trimmed = trimmed[1..];
        var result = PeriodPattern.NormalizingIso.Parse(trimmed);
        if (!result.Success || trimmed.Contains('-'))
        {
            error = $"\"{text}\" is not an ISO-8601 duration; use e.g. \"P7D\" (7 days), \"P1M\" (1 month), \"P1Y2M\", \"PT2H30M\"";
            return false;
        }
        value = new CalendarPeriod(result.Value, negative);
        error = "";
        return true;
    }

    public static CalendarPeriod Parse(string text) =>
        TryParse(text, out var value, out var error) ? value : throw new FormatException(error);

    public Instant AddTo(Instant start, DateTimeZone zone)
    {
        var datePart = new PeriodBuilder
        {
            Years = Period.Years, Months = Period.Months, Weeks = Period.Weeks, Days = Period.Days,
        }.Build();
        var timePart = Duration.FromHours(Period.Hours) + Duration.FromMinutes(Period.Minutes)
            + Duration.FromSeconds(Period.Seconds) + Duration.FromMilliseconds(Period.Milliseconds)
            + Duration.FromTicks(Period.Ticks) + Duration.FromNanoseconds(Period.Nanoseconds);
        var local = start.InZone(zone).LocalDateTime;
        var moved = IsNegative ? local.Minus(datePart) : local.Plus(datePart);
        var instant = moved.InZoneLeniently(zone).ToInstant();
        return IsNegative ? instant - timePart : instant + timePart;
    }

    public DateTimeOffset AddTo(DateTimeOffset start, DateTimeZone zone) =>
        AddTo(Instant.FromDateTimeOffset(start), zone).ToDateTimeOffset();

    public override string ToString() => (IsNegative ? "-" : "") + PeriodPattern.NormalizingIso.Format(Period);
}
