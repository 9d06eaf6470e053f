using CsPlaybooks.Engine.Time;
using NodaTime;

namespace CsPlaybooks.Engine.Tests.Time;

public class CalendarPeriodTests
{
    private static readonly DateTimeZone Berlin = DateTimeZoneProviders.Tzdb["Europe/Berlin"];

    private static Instant AtUtc(int year, int month, int day, int hour = 0) => Instant.FromUtc(year, month, day, hour, 0);

    private static LocalDateTime Local(Instant instant, DateTimeZone zone) => instant.InZone(zone).LocalDateTime;

    [Fact]
    public void AddTo_OneMonthFromJanuary31_TruncatesToFebruary28()
    {
        var result = CalendarPeriod.Parse("P1M").AddTo(AtUtc(2026, 1, 31), DateTimeZone.Utc);

        Assert.Equal(AtUtc(2026, 2, 28), result);
    }

    [Fact]
    public void AddTo_OneMonthFromJanuary31InLeapYear_TruncatesToFebruary29()
    {
        var result = CalendarPeriod.Parse("P1M").AddTo(AtUtc(2028, 1, 31), DateTimeZone.Utc);

        Assert.Equal(AtUtc(2028, 2, 29), result);
    }

    [Fact]
    public void AddTo_OneYearFromLeapDay_TruncatesToFebruary28()
    {
        var result = CalendarPeriod.Parse("P1Y").AddTo(AtUtc(2024, 2, 29), DateTimeZone.Utc);

        Assert.Equal(AtUtc(2025, 2, 28), result);
    }

    [Fact]
    public void AddTo_NegativePeriod_MovesBackOnTheCalendar()
    {
        var period = CalendarPeriod.Parse("-P4M");

        var result = period.AddTo(AtUtc(2027, 1, 1), DateTimeZone.Utc);

        Assert.True(period.IsNegative);
        Assert.Equal(AtUtc(2026, 9, 1), result);
    }

    [Fact]
    public void AddTo_SameInstantInDifferentZones_MovesTheLocalDateOfEachZone()
    {
        // 2026-02-28T23:30Z is still February 28 in UTC but already March 1 (00:30) in Berlin.
        var start = Instant.FromUtc(2026, 2, 28, 23, 30);
        var period = CalendarPeriod.Parse("P1M");

        var utc = period.AddTo(start, DateTimeZone.Utc);
        var berlin = period.AddTo(start, Berlin);

        Assert.Equal(Instant.FromUtc(2026, 3, 28, 23, 30), utc);
        Assert.Equal(new LocalDateTime(2026, 4, 1, 0, 30), Local(berlin, Berlin));
        Assert.Equal(Instant.FromUtc(2026, 3, 31, 22, 30), berlin);
    }

    [Fact]
    public void AddTo_OneDayAcrossMidnightInDifferentZones_GivesDifferentInstants()
    {
        // Same instant; 22:00 in UTC, 07:00 next day in Tokyo. P1D keeps each zone's wall-clock time.
        var start = Instant.FromUtc(2026, 3, 28, 22, 0);
        var tokyo = DateTimeZoneProviders.Tzdb["Asia/Tokyo"];
        var period = CalendarPeriod.Parse("P1D");

        var inUtc = period.AddTo(start, DateTimeZone.Utc);
        var inBerlin = period.AddTo(start, Berlin);
        var inTokyo = period.AddTo(start, tokyo);

        Assert.Equal(Instant.FromUtc(2026, 3, 29, 22, 0), inUtc);
        // Berlin: 23:00 CET on the 28th → 23:00 CEST on the 29th, after the spring-forward: only 23 h later.
        Assert.Equal(new LocalDateTime(2026, 3, 29, 23, 0), Local(inBerlin, Berlin));
        Assert.Equal(Duration.FromHours(23), inBerlin - start);
        Assert.Equal(new LocalDateTime(2026, 3, 30, 7, 0), Local(inTokyo, tokyo));
    }

    [Fact]
    public void AddTo_OneDayAcrossSpringForwardInBerlin_KeepsWallClockTimeAfter23Hours()
    {
        var start = new LocalDateTime(2026, 3, 28, 9, 0).InZoneStrictly(Berlin).ToInstant();

        var result = CalendarPeriod.Parse("P1D").AddTo(start, Berlin);

        Assert.Equal(new LocalDateTime(2026, 3, 29, 9, 0), Local(result, Berlin));
        Assert.Equal(Duration.FromHours(23), result - start);
    }

    [Fact]
    public void AddTo_24HoursAcrossSpringForwardInBerlin_Elapses24Hours()
    {
        var start = new LocalDateTime(2026, 3, 28, 9, 0).InZoneStrictly(Berlin).ToInstant();

        var result = CalendarPeriod.Parse("PT24H").AddTo(start, Berlin);

        Assert.Equal(Duration.FromHours(24), result - start);
        Assert.Equal(new LocalDateTime(2026, 3, 29, 10, 0), Local(result, Berlin));
    }

    [Fact]
    public void AddTo_DateTimeOffsetOverload_MatchesInstantArithmetic()
    {
        var start = new DateTimeOffset(2026, 1, 31, 9, 0, 0, TimeSpan.Zero);

        var result = CalendarPeriod.Parse("P1M").AddTo(start, DateTimeZone.Utc);

        Assert.Equal(new DateTimeOffset(2026, 2, 28, 9, 0, 0, TimeSpan.Zero), result);
    }

    [Theory]
    [InlineData("7 days")]
    [InlineData("P")]
    [InlineData("PT-1H")]
    [InlineData("P1DT-1H")]
    public void TryParse_NotAnIsoDuration_FailsWithExamples(string text)
    {
        var ok = CalendarPeriod.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Contains($"\"{text}\" is not an ISO-8601 duration", error);
        Assert.Contains("\"P7D\"", error);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void TryParse_Empty_FailsSayingADurationIsRequired(string? text)
    {
        var ok = CalendarPeriod.TryParse(text, out _, out var error);

        Assert.False(ok);
        Assert.Contains("a duration is required", error);
    }

    [Fact]
    public void Parse_Invalid_ThrowsFormatExceptionWithTheReadableMessage()
    {
        var e = Assert.Throws<FormatException>(() => CalendarPeriod.Parse("7 days"));

        Assert.Contains("is not an ISO-8601 duration", e.Message);
    }

    [Theory]
    [InlineData("P1M", "P1M")]
    [InlineData("-P4M", "-P4M")]
    [InlineData(" P1Y2M ", "P1Y2M")]
    [InlineData("PT2H30M", "PT2H30M")]
    public void ToString_ParsedPeriod_RoundTrips(string text, string expected)
    {
        Assert.Equal(expected, CalendarPeriod.Parse(text).ToString());
    }
}
