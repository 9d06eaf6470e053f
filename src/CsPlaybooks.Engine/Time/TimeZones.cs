using NodaTime;

namespace CsPlaybooks.Engine.Time;

/// <summary>IANA time zones from NodaTime's embedded tzdb.</summary>
public static class TimeZones
{
    public static bool TryGet(string? id, out DateTimeZone zone)
    {
        var found = string.IsNullOrWhiteSpace(id) ? DateTimeZone.Utc : DateTimeZoneProviders.Tzdb.GetZoneOrNull(id);
        zone = found ?? DateTimeZone.Utc;
        return found is not null;
    }

    /// <summary>The zone for an id, or UTC when the id is empty or unknown.</summary>
    public static DateTimeZone GetOrUtc(string? id) => TryGet(id, out var zone) ? zone : DateTimeZone.Utc;
}
