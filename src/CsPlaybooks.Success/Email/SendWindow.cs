using NodaTime;

namespace CsPlaybooks.Success.Email;

/// <summary>
/// The hours customer email may be sent, as local wall-clock times on given weekdays, evaluated in the recipient's
/// zone. Across DST changes the window keeps its wall-clock times (09:00 is 09:00 local before and after the change);
/// an opening that falls in a DST gap is shifted forward by the gap (02:30 on a spring-forward night opens at 03:30).
/// </summary>
public sealed class SendWindow
{
    private readonly HashSet<IsoDayOfWeek> _days;

    public SendWindow(IEnumerable<IsoDayOfWeek> days, LocalTime start, LocalTime end)
    {
        _days = days.ToHashSet();
        if (_days.Count == 0) throw new ArgumentException("the send window needs at least one day", nameof(days));
        if (end <= start) throw new ArgumentException($"the send window must open before it closes ({start:HH:mm} – {end:HH:mm})", nameof(end));
        Start = start;
        End = end;
    }

    public LocalTime Start { get; }
    public LocalTime End { get; }
    public IReadOnlyCollection<IsoDayOfWeek> Days => _days;

    /// <summary>The window from options, or null when quiet hours are off.</summary>
    public static SendWindow? From(QuietHoursOptions options)
    {
        if (!options.Enabled) return null;
        return new SendWindow(ParseDays(options.Days), LocalTime.FromTicksSinceMidnight(options.Start.Ticks), LocalTime.FromTicksSinceMidnight(options.End.Ticks));
    }

    public bool Contains(Instant at, DateTimeZone zone)
    {
        var local = at.InZone(zone).LocalDateTime;
        return _days.Contains(local.DayOfWeek) && local.TimeOfDay >= Start && local.TimeOfDay < End;
    }

    /// <summary><paramref name="from"/> itself when inside the window, else the instant the next window opens.</summary>
    public Instant NextOpening(Instant from, DateTimeZone zone)
    {
        if (Contains(from, zone)) return from;
        var date = from.InZone(zone).Date;
        for (var i = 0; i <= 8; i++, date = date.PlusDays(1))
        {
            if (!_days.Contains(date.DayOfWeek)) continue;
            var opening = zone.AtLeniently(date + Start).ToInstant();
            if (opening > from) return opening;
        }
        throw new InvalidOperationException("no send window within 8 days; check the configured days");
    }

    public override string ToString() =>
        $"{string.Join(",", _days.Order().Select(d => d.ToString()[..3]))} {Start:HH:mm}–{End:HH:mm}";

    /// <summary>Parses <c>Mon,Tue,Wed</c> (three-letter or full English names, any case).</summary>
    public static IReadOnlyList<IsoDayOfWeek> ParseDays(string text)
    {
        var days = new List<IsoDayOfWeek>();
        foreach (var part in text.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries))
        {
            var match = Enum.GetValues<IsoDayOfWeek>().Where(d => d != IsoDayOfWeek.None)
                .FirstOrDefault(d => part.Length >= 3 && d.ToString().StartsWith(part, StringComparison.OrdinalIgnoreCase));
            if (match == IsoDayOfWeek.None) throw new FormatException($"'{part}' is not a day of the week; use e.g. Mon,Tue,Wed,Thu,Fri");
            days.Add(match);
        }
        return days;
    }
}
