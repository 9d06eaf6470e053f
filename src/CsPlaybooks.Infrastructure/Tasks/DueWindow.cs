using CsPlaybooks.Infrastructure.Persistence.Entities;

namespace CsPlaybooks.Infrastructure.Tasks;

/// <summary>
/// The workbench's due groups, relative to now (UTC days): <c>overdue</c> (due before now), <c>today</c> (due from now to
/// the end of today), <c>week</c> (due in the next six days after today), <c>later</c> (due after that, or no due date).
/// </summary>
public static class DueWindow
{
    public const string Overdue = "overdue";
    public const string Today = "today";
    public const string Week = "week";
    public const string Later = "later";

    public static readonly string[] All = [Overdue, Today, Week, Later];

    public static string Of(DateTimeOffset? due, DateTimeOffset now)
    {
        var (tomorrow, nextWeek) = Bounds(now);
        return due is null ? Later : due < now ? Overdue : due < tomorrow ? Today : due < nextWeek ? Week : Later;
    }

    public static IQueryable<TaskRecord> Apply(IQueryable<TaskRecord> tasks, string window, DateTimeOffset now)
    {
        var (tomorrow, nextWeek) = Bounds(now);
        return window switch
        {
            Overdue => tasks.Where(t => t.DueAt != null && t.DueAt < now),
            Today => tasks.Where(t => t.DueAt != null && t.DueAt >= now && t.DueAt < tomorrow),
            Week => tasks.Where(t => t.DueAt != null && t.DueAt >= tomorrow && t.DueAt < nextWeek),
            _ => tasks.Where(t => t.DueAt == null || t.DueAt >= nextWeek),
        };
    }

    private static (DateTimeOffset Tomorrow, DateTimeOffset NextWeek) Bounds(DateTimeOffset now)
    {
        var today = new DateTimeOffset(now.UtcDateTime.Date, TimeSpan.Zero);
        return (today.AddDays(1), today.AddDays(7));
    }
}
