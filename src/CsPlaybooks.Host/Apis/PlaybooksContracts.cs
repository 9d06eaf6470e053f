using System.Text.Json.Nodes;

namespace CsPlaybooks.Host.Apis;

// The response and request bodies of /api/playbooks and its versions, as the OpenAPI document names them.

/// <summary>A playbook in the list: its latest version, draft state and accounts running per version.</summary>
public sealed record PlaybookSummary(string Id, string Name, int LatestVersion, bool HasDraft, DateTimeOffset? DraftUpdatedAt, DateTimeOffset UpdatedAt,
    IEnumerable<RunningCount> Running);

public sealed record RunningCount(int Version, int Count);

/// <summary>A playbook with its latest published definition and its draft (docs/playbook-format.md).</summary>
public sealed record PlaybookDetail(string Id, string Name, int LatestVersion, bool HasDraft, DateTimeOffset? DraftUpdatedAt, DateTimeOffset UpdatedAt,
    JsonNode? Published, JsonNode? Draft);

public sealed record DraftSaved(string Id, bool Draft);

public sealed record Published(string Id, int Version);

public sealed record PublishRequest(string? Note);

public sealed record DefinitionCheck(bool Valid, IEnumerable<ProblemEntry> Errors);

/// <summary>One problem of a definition: the step and field it concerns, and what is wrong.</summary>
public sealed record ProblemEntry(string? StepId, string? Field, string Message);

/// <summary>POST /api/playbooks/{id}/enrolments: the account to start, and input variables.</summary>
public sealed record EnrolBody(string AccountId, string? IdempotencyKey, JsonObject? Input);

public sealed record EnrolmentStarted(Guid? InstanceId, string Message);

public sealed record VersionSummary(int Version, string? Note, DateTimeOffset PublishedAt, string? PublishedBy, string? TriggerType, Dictionary<string, int> Instances);

public sealed record VersionDetail(int Version, string? Note, DateTimeOffset PublishedAt, string? PublishedBy, JsonNode? Definition);

/// <summary>How many instances of a version wait at each step, and how many faulted at each.</summary>
public sealed record VersionRuntime(string Id, int Version, Dictionary<string, int> Waiting, Dictionary<string, int> Faulted);

public sealed record DraftReverted(string Id, int DraftFromVersion);
