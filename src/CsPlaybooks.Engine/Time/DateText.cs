using System.Globalization;
using NodaTime;
using NodaTime.Text;

namespace CsPlaybooks.Engine.Time;

/// <summary>Reads the dates that expressions render: "2026-05-01" (start of that day in the zone) or a full ISO-8601 date-time.</summary>
public static class DateText
{
    public static bool TryParse(string? text, DateTimeZone zone, out Instant instant)
    {
        instant = default;
        if (string.IsNullOrWhiteSpace(text)) return false;
        var trimmed = text.Trim();
        var date = LocalDatePattern.Iso.Parse(trimmed);
        if (date.Success)
        {
            instant = date.Value.AtStartOfDayInZone(zone).ToInstant();
            return true;
        }
        var local = LocalDateTimePattern.ExtendedIso.Parse(trimmed);
        if (local.Success)
        {
            instant = local.Value.InZoneLeniently(zone).ToInstant();
            return true;
        }
        if (DateTimeOffset.TryParse(trimmed, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var dto))
        {
            instant = Instant.FromDateTimeOffset(dto);
            return true;
        }
        return false;
    }
}
