using System.Globalization;
using CsPlaybooks.Engine.Time;
using NodaTime;
using NodaTime.Text;
using Scriban.Runtime;

namespace CsPlaybooks.Engine.Expressions;

/// <summary>Date helpers usable as Liquid filters: <c>{{ contract.end | add_period: "-P4M" }}</c>, <c>{{ contract.start | term_point: contract.end, 0.6667 }}</c>.</summary>
internal static class TemplateFunctions
{
    /// <summary>The filters, imported once (importing reflects over the delegates); every render reads them from here.</summary>
    public static readonly ScriptObject Globals = Create();

    private static ScriptObject Create()
    {
        var globals = new ScriptObject();
        globals.Import("add_period", new Func<string, string, string>(AddPeriod));
        globals.Import("term_point", new Func<string, string, double, string>(TermPoint));
        return globals;
    }

    /// <summary>A date (yyyy-MM-dd) moved by an ISO-8601 period on the calendar.</summary>
    private static string AddPeriod(string date, string period)
    {
        var d = LocalDatePattern.Iso.Parse(date).GetValueOrThrow();
        var p = CalendarPeriod.Parse(period);
        var moved = p.AddTo(d.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant(), DateTimeZone.Utc);
        return LocalDatePattern.Iso.Format(moved.InUtc().Date);
    }

    /// <summary>The date at a fraction of the term from <paramref name="start"/> to <paramref name="end"/> (0.6667 = one third of the term left).</summary>
    private static string TermPoint(string start, string end, double fraction) =>
        LocalDatePattern.Iso.Format(ContractTerm.PointAt(LocalDatePattern.Iso.Parse(start).GetValueOrThrow(), LocalDatePattern.Iso.Parse(end).GetValueOrThrow(), fraction));

    internal static string Format(Instant instant) => InstantPattern.ExtendedIso.Format(instant);
    internal static string Invariant(double value) => value.ToString(CultureInfo.InvariantCulture);
}
