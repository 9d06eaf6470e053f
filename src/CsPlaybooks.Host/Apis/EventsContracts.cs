using System.Text.Json.Nodes;

namespace CsPlaybooks.Host.Apis;

// The bodies of /api/events and the enrolment batch (docs/api.md).

/// <summary>An event from an integration; a repeated <c>id</c> is accepted once.</summary>
public sealed record EventBody(string? Id, string Name, string AccountId, JsonObject? Data);

/// <summary>202 when stored, 200 with duplicate true for a repeated id.</summary>
public sealed record EventAccepted(string Id, string Name, string AccountId, bool Duplicate, DateTimeOffset? ProcessedAt, string? Outcome);

public sealed record EventBatchBody(IReadOnlyList<EventBody> Events);

public sealed record EventBatchAccepted(int Accepted, IReadOnlyList<string> Duplicates);

public sealed record EventView(string Id, string Name, string AccountId, JsonNode? Data, DateTimeOffset ReceivedAt, DateTimeOffset? ProcessedAt, string? Outcome);

public sealed record EnrolmentBatchBody(IReadOnlyList<EnrolBody> Enrolments);

/// <summary>Each row answered on its own: started (with its instance), skipped or accountNotFound.</summary>
public sealed record EnrolmentBatchResult(int Started, IEnumerable<EnrolmentRowResult> Results);

public sealed record EnrolmentRowResult(string AccountId, string Status, Guid? InstanceId, string Message);
