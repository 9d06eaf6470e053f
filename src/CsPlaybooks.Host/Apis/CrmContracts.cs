using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CsPlaybooks.Infrastructure.Persistence.Entities;

namespace CsPlaybooks.Host.Apis;

/// <summary>A CRM sync run with its counts (docs/crm.md); times and error are written as null until they are known.</summary>
public record CrmSyncRunView(Guid Id, string Connector, string Status, string RequestedBy, bool Full, DateTimeOffset RequestedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? StartedAt,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] DateTimeOffset? FinishedAt,
    int Pages, int Created, int Updated, int Unchanged, int Skipped,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.Never)] string? Error)
{
    public static CrmSyncRunView Of(CrmSyncRunRecord r) => new(r.Id, r.Connector, r.Status, r.RequestedBy, r.Full, r.RequestedAt, r.StartedAt, r.FinishedAt,
        r.Pages, r.Created, r.Updated, r.Unchanged, r.Skipped, r.Error);
}

/// <summary>One run's report: the counts and each record the sync did not apply, with why.</summary>
public sealed record CrmSyncReport : CrmSyncRunView
{
    public CrmSyncReport(CrmSyncRunRecord r) : base(Of(r)) => SkippedRecords = JsonNode.Parse(r.SkippedJson);

    /// <summary>Each record not applied: { type (companies, contacts, deals), id, reason }.</summary>
    [JsonPropertyOrder(1)]
    public JsonNode? SkippedRecords { get; init; }
}

public sealed record CrmSyncBody(bool? Full);
