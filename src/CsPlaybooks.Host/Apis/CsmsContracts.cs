using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Csms;

namespace CsPlaybooks.Host.Apis;

// The bodies of /api/csms (docs/csms.md).

/// <summary>A CSM with their capacity (the override, or the touch model's default) and load (accounts whose csmId they are).</summary>
public sealed record CsmView(string Id, string Name, string? Email, string? GraphUserId, string TouchModel, int Capacity, int? CapacityOverride,
    JsonNode? Industries, JsonNode? Tiers, bool IsLead, int Load, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

public sealed record CsmBook(CsmView Csm, IReadOnlyList<string> Accounts);

/// <summary>PUT /api/csms/{id}.</summary>
public sealed record CsmBody(string Name, string? Email, string? GraphUserId, string? TouchModel, int? Capacity, IReadOnlyList<string>? Industries,
    IReadOnlyList<string>? Tiers, bool? IsLead);

public sealed record CsmSaved(string Id, string Name, string? Email, string? GraphUserId, string TouchModel, int? Capacity, IReadOnlyList<string> Industries,
    IReadOnlyList<string> Tiers, bool IsLead);

public sealed record HandoverBody(string ToCsmId, IReadOnlyList<string>? AccountIds);

public sealed record HandoverDone(string Message, IReadOnlyList<string> Accounts, IReadOnlyList<Guid> Tasks);

public sealed record AssignBody(string AccountId, bool? KeepExisting);

/// <summary>Who was assigned and why; nobody fitting leaves a task for the CS lead (<c>leadTaskId</c>).</summary>
public sealed record AssignmentOutcome(AssignmentStatus Status, string? CsmId, string Reason, Guid? LeadTaskId);
