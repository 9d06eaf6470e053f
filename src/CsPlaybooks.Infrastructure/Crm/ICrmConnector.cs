namespace CsPlaybooks.Infrastructure.Crm;

/// <summary>The CRM object types a sync reads, in the order it reads them (contacts and deals need their company's account).</summary>
public enum CrmObjectType { Companies, Contacts, Deals }

/// <summary>
/// One CRM (HubSpot today; Salesforce can follow): reads the records of one type changed since a moment, a page at a
/// time, already mapped to what CsPlaybooks keeps (<see cref="CrmItem"/>). The sync (<see cref="CrmSyncRunner"/>) owns
/// cursors, applying, reports and waiting out rate limits.
/// </summary>
public interface ICrmConnector
{
    /// <summary>Names the connector in cursors, run reports and settings (<c>Crm:{Name}</c>), e.g. "hubspot".</summary>
    string Name { get; }

    /// <summary>False when the connector has no credentials: nothing is scheduled, a manual run is refused.</summary>
    bool IsConfigured { get; }

    /// <summary>
    /// Records of <paramref name="type"/> modified at or after <paramref name="since"/> (all when null), oldest change
    /// first. <paramref name="after"/> continues a previous page's <see cref="CrmPage.After"/>.
    /// </summary>
    /// <exception cref="CrmRetryLaterException">Rate limited or the CRM is briefly unavailable.</exception>
    /// <exception cref="CrmAccessException">The CRM refused the credentials or their scopes.</exception>
    Task<CrmPage> PullAsync(CrmObjectType type, DateTimeOffset? since, string? after, CancellationToken ct);
}

/// <param name="After">Continues with the next page; null when this was the last.</param>
/// <param name="RestartFromCursor">
/// No further page by <paramref name="After"/>, yet more records may follow (a search capped at N results): query again
/// from the cursor this page advanced.
/// </param>
public sealed record CrmPage(IReadOnlyList<CrmItem> Items, string? After, bool RestartFromCursor = false);
