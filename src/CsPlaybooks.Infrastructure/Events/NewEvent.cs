using System.Text.Json.Nodes;

namespace CsPlaybooks.Infrastructure.Events;

/// <summary>An event to store: <see cref="Id"/> is its idempotency key (a second event with the same id is the same event).</summary>
public sealed record NewEvent(string Id, string Name, string AccountId, JsonObject? Data = null);
