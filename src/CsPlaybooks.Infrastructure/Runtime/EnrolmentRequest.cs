using System.Text.Json.Nodes;

namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>Start a playbook for an account. <paramref name="EnrolmentKey"/> identifies the trigger occurrence (idempotency).</summary>
/// <param name="TriggerEvent">The event that triggered the enrolment ({ id, name, data }): templates of the first burst see it as <c>event</c>.</param>
public sealed record EnrolmentRequest(string PlaybookId, string AccountId, string Source, string? EnrolmentKey = null, JsonObject? Input = null, JsonObject? TriggerEvent = null);

public enum EnrolmentStatus { Started, Skipped, PlaybookNotFound, NotPublished, AccountNotFound }

public sealed record EnrolmentResult(EnrolmentStatus Status, Guid? InstanceId, string Message);
