namespace CsPlaybooks.Infrastructure.Persistence.Entities;

/// <summary>
/// One CRM sync run and its report: when it ran, what it created, updated or skipped (with each skipped record's
/// reason in <see cref="SkippedJson"/>), and why it failed or was deferred.
/// </summary>
public sealed class CrmSyncRunRecord
{
    public Guid Id { get; set; }
    /// <summary>The connector, e.g. "hubspot".</summary>
    public required string Connector { get; set; }
    /// <summary>"schedule" or who asked ("manual: ops@…").</summary>
    public required string RequestedBy { get; set; }
    /// <summary>Reads everything, ignoring the stored cursors (they still only move forward).</summary>
    public bool Full { get; set; }
    /// <summary>queued, running, completed, failed or deferred (stopped by the CRM's rate limit; the next run resumes at the cursor).</summary>
    public required string Status { get; set; }
    public DateTimeOffset RequestedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    /// <summary>Pages read and applied so far (progress while running).</summary>
    public int Pages { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Unchanged { get; set; }
    public int Skipped { get; set; }
    /// <summary>A JSON array of { type, id, reason } for skipped records (the first <c>CrmSyncRunner.MaxSkipsKept</c>).</summary>
    public string SkippedJson { get; set; } = "[]";
    public string? Error { get; set; }
}
