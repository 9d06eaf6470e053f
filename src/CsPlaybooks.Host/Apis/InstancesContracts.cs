using System.Text.Json.Nodes;

namespace CsPlaybooks.Host.Apis;

/// <summary>An instance in full: where it waits, its variables, journal, incidents and outbox.</summary>
public sealed record InstanceDetail(Guid Id, string PlaybookId, int Version, string AccountId, string Status, bool Holdout, int Revision,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, DateTimeOffset? FinishedAt, string? FaultedStepId, string? FaultMessage,
    JsonObject Variables, IEnumerable<InstanceBookmark> Bookmarks, IReadOnlyCollection<string> CompletedSteps,
    IEnumerable<InstanceJournalEntry> Journal, IEnumerable<IncidentView> Incidents, IEnumerable<OutboxEntry> Outbox);

public sealed record InstanceBookmark(string StepId, string? EventName, DateTimeOffset? DueAt);

public sealed record InstanceJournalEntry(DateTimeOffset At, string? StepId, string Kind, string Summary, JsonNode? Detail);

public sealed record IncidentView(Guid Id, string Kind, string? StepId, string Message, DateTimeOffset At, DateTimeOffset? ResolvedAt);

/// <summary>A side effect of the instance (email, webhook, task) and its delivery state.</summary>
public sealed record OutboxEntry(Guid Id, string Kind, string StepId, string State, int Attempts, DateTimeOffset NextAttemptAt, string? LastError, DateTimeOffset? SentAt);

/// <summary>POST /api/instances/{id}/cancel.</summary>
public sealed record CancelBody(string? Reason);

/// <summary>What a cancel or retry did: the instance's new status, and on a retry how many failed deliveries were queued again.</summary>
public sealed record InstanceCommandOutcome(Guid Id, string Status, int? RequeuedDeliveries);
