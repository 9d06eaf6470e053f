using CsPlaybooks.Success.Email;
using NodaTime;

namespace CsPlaybooks.Success.Tests.Email;

/// <summary>Quiet hours: Mon–Fri 09:00–17:00 in the recipient's zone, across zones, weekends and DST changes.</summary>
public sealed class SendWindowTests
{
    private static readonly SendWindow Business = SendWindow.From(new QuietHoursOptions())!;
    private static DateTimeZone Zone(string id) => DateTimeZoneProviders.Tzdb[id];
    private static Instant Utc(int y, int mo, int d, int h, int mi = 0) => Instant.FromUtc(y, mo, d, h, mi);

    [Fact]
    public void NextOpening_InsideWindow_IsNow()
    {
        var now = Utc(2026, 3, 2, 9, 30); // Monday 10:30 in Berlin
        Assert.Equal(now, Business.NextOpening(now, Zone("Europe/Berlin")));
    }

    [Fact]
    public void NextOpening_SameInstant_DiffersByRecipientZone()
    {
        var now = Utc(2026, 3, 2, 9, 0); // Monday: 10:00 Berlin, 01:00 Los Angeles, 18:00 Tokyo
        Assert.Equal(now, Business.NextOpening(now, Zone("Europe/Berlin")));
        Assert.Equal(Utc(2026, 3, 2, 17, 0), Business.NextOpening(now, Zone("America/Los_Angeles"))); // 09:00 PST = 17:00 UTC
        Assert.Equal(Utc(2026, 3, 3, 0, 0), Business.NextOpening(now, Zone("Asia/Tokyo"))); // Tue 09:00 JST
    }

    [Fact]
    public void NextOpening_FridayEvening_MovesToMondayMorning()
    {
        var fridayEvening = Utc(2026, 3, 6, 17, 0); // 18:00 Berlin
        Assert.Equal(Utc(2026, 3, 9, 8, 0), Business.NextOpening(fridayEvening, Zone("Europe/Berlin")));
    }

    [Fact]
    public void NextOpening_Saturday_MovesToMonday()
    {
        Assert.Equal(Utc(2026, 3, 9, 8, 0), Business.NextOpening(Utc(2026, 3, 7, 11, 0), Zone("Europe/Berlin")));
    }

    [Fact]
    public void NextOpening_EndIsExclusive()
    {
        var fivePm = Utc(2026, 3, 2, 16, 0); // 17:00 Berlin
        Assert.False(Business.Contains(fivePm, Zone("Europe/Berlin")));
        Assert.Equal(Utc(2026, 3, 3, 8, 0), Business.NextOpening(fivePm, Zone("Europe/Berlin")));
    }

    [Fact]
    public void NextOpening_AcrossSpringForward_KeepsLocalNineOClock()
    {
        // Berlin moves to CEST on Sunday 2026-03-29: Friday 09:00 is 08:00 UTC, Monday 09:00 is 07:00 UTC.
        var fridayNight = Utc(2026, 3, 27, 20, 0);
        Assert.Equal(Utc(2026, 3, 30, 7, 0), Business.NextOpening(fridayNight, Zone("Europe/Berlin")));
    }

    [Fact]
    public void NextOpening_AcrossFallBack_KeepsLocalNineOClock()
    {
        // New York returns to EST on Sunday 2026-11-01: Monday 09:00 EST is 14:00 UTC.
        Assert.Equal(Utc(2026, 11, 2, 14, 0), Business.NextOpening(Utc(2026, 10, 31, 12, 0), Zone("America/New_York")));
    }

    [Fact]
    public void NextOpening_WindowStartInDstGap_MovesPastTheGap()
    {
        var night = new SendWindow([IsoDayOfWeek.Sunday], new LocalTime(2, 30), new LocalTime(4, 0));
        // 2026-03-29 02:30 does not exist in Berlin; the opening shifts forward by the gap: 03:30 CEST = 01:30 UTC.
        Assert.Equal(Utc(2026, 3, 29, 1, 30), night.NextOpening(Utc(2026, 3, 28, 12, 0), Zone("Europe/Berlin")));
    }

    [Fact]
    public void ParseDays_AcceptsShortAndFullNames_RejectsOthers()
    {
        Assert.Equal([IsoDayOfWeek.Monday, IsoDayOfWeek.Saturday], SendWindow.ParseDays("mon, Saturday"));
        Assert.Throws<FormatException>(() => SendWindow.ParseDays("Mon,Funday"));
    }

    [Fact]
    public void From_Disabled_IsNull_AndBadHoursAreRejected()
    {
        Assert.Null(SendWindow.From(new QuietHoursOptions { Enabled = false }));
        Assert.Throws<ArgumentException>(() => SendWindow.From(new QuietHoursOptions { Start = TimeSpan.FromHours(17), End = TimeSpan.FromHours(9) }));
    }
}
