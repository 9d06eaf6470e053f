using NodaTime;

namespace CsPlaybooks.Engine.Time;

/// <summary>Points within a contract term.</summary>
public static class ContractTerm
{
    /// <summary>
    /// The day at a fraction of the term from <paramref name="start"/> to <paramref name="end"/> (0.6667 = one third left).
    /// A term of whole months whose fraction is a whole number of months (within 0.01) moves by calendar months, so one
    /// third of 12, 24 and 36 months is 4, 8 and 12 months before the end, and a term ending on a month's last day
    /// lands on a month end (2026-01-31 → 2027-01-31: 2026-09-30). Otherwise the day count is scaled and rounded.
    /// </summary>
    public static LocalDate PointAt(LocalDate start, LocalDate end, double fraction)
    {
        var months = Period.Between(start, end, PeriodUnits.Months).Months;
        if (months > 0 && start.PlusMonths(months) == end)
        {
            var scaled = months * fraction;
            var whole = Math.Round(scaled, MidpointRounding.AwayFromZero);
            if (Math.Abs(scaled - whole) < 0.01) return start.PlusMonths((int)whole);
        }
        var days = Period.Between(start, end, PeriodUnits.Days).Days;
        return start.PlusDays((int)Math.Round(days * fraction, MidpointRounding.AwayFromZero));
    }
}
