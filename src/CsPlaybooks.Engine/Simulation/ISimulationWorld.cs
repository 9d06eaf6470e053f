using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using NodaTime;

namespace CsPlaybooks.Engine.Simulation;

/// <summary>
/// The world outside the interpreter as one simulation models it, capture-only: what production's outbox handlers do
/// with a message (email governance, tasks, CSM assignment, notifications) and what its usage intake does with a usage
/// fact (health), without sending or storing anything. One instance per simulated account: it keeps that run's state
/// (emails sent to each contact, tasks, usage facts).
/// </summary>
public interface ISimulationWorld
{
    /// <summary>Delivers a captured message as production's handler of its kind would.</summary>
    SimulatedDelivery Deliver(OutboxMessage message, DeliveryContext context);

    /// <summary>A scripted usage fact arrives: recorded and scored as production's usage intake does (changes the account, may raise events).</summary>
    SimulatedDelivery RecordUsage(JsonObject fact, JsonObject account, DeliveryContext context);
}

/// <summary>Who a delivery is for and when: the playbook and enrolment that emitted it, the account document as it stands now.</summary>
public sealed record DeliveryContext(string AccountId, string? PlaybookId, int? Enrolment, JsonObject Account, DateTimeZone Zone, DateTimeOffset Now);

/// <summary>What a delivery did: timeline entries, events it raised (each at its own time), and when to try again if it was deferred.</summary>
public sealed record SimulatedDelivery(IReadOnlyList<SimulatedEffect> Effects, IReadOnlyList<ScriptedEvent> Raised)
{
    public static readonly SimulatedDelivery None = new([], []);

    /// <summary>Deferred (quiet hours, the frequency cap): delivered again at this time, as production's outbox pump does.</summary>
    public DateTimeOffset? RetryAt { get; init; }
}

/// <summary>One timeline entry of a delivery (e.g. <c>email.sent</c>, <c>email.deferred</c>, <c>task.created</c>).</summary>
public sealed record SimulatedEffect(string Type, string Summary, JsonObject? Detail);

/// <summary>A scripted usage fact (<c>{ date, activeUsers, materialInput, contentOutput, featuresUsed, apiCalls }</c>) arriving at a time.</summary>
public sealed record ScriptedUsage(DateTimeOffset At, JsonObject Fact);
