using NodaTime;

namespace CsPlaybooks.Engine.Time;

/// <summary>Points within a contract term.</summary>
public static class ContractTerm
{
    /// <summary>The day at a fraction of the term from <paramref name="start"/> to <paramref name="end"/> (0.6667 = one third left), rounded to whole days.</summary>
    public static LocalDate PointAt(LocalDate start, LocalDate end, double fraction)
    {
        var days = Period.Between(start, end, PeriodUnits.Days).Days;
        return start.PlusDays((int)Math.Round(days * fraction, MidpointRounding.AwayFromZero));
    }
}
