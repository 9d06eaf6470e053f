namespace CsPlaybooks.Infrastructure.Crm;

/// <summary>Configuration section <c>Crm</c>: how a sync waits out the CRM's rate limit (docs/crm.md). The connector's own settings are in <c>Crm:HubSpot</c>.</summary>
public sealed class CrmSyncOptions
{
    /// <summary>How often one run waits for a 429's <c>Retry-After</c> before it stops as "deferred" (the next run resumes at the cursor). Default 5.</summary>
    public int MaxRateLimitWaits { get; set; } = 5;
    /// <summary>The wait when the CRM gives no <c>Retry-After</c>. Default 10 s (HubSpot's rolling window).</summary>
    public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>A longer <c>Retry-After</c> (a daily limit) defers the run at once instead of waiting. Default 2 minutes.</summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromMinutes(2);
}
