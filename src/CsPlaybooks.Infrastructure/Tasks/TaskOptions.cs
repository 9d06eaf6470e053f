namespace CsPlaybooks.Infrastructure.Tasks;

/// <summary>Configuration section <c>Tasks</c>.</summary>
public sealed class TaskOptions
{
    /// <summary>How often overdue required tasks are looked for and escalated to the CS lead. Default 1 minute.</summary>
    public TimeSpan EscalationCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
