using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Runtime;
using NodaTime;

namespace CsPlaybooks.Engine.Steps;

/// <summary>What a step sees while it runs. Time, ids and side effects come only from here.</summary>
public sealed class StepContext
{
    private readonly List<OutboxMessage> _outbox;

    internal StepContext(InstanceContext instance, StepDefinition step, object settings, InstanceState state, string tokenId, List<OutboxMessage> outbox)
    {
        Instance = instance;
        Step = step;
        Settings = settings;
        State = state;
        TokenId = tokenId;
        _outbox = outbox;
    }

    public InstanceContext Instance { get; }
    public StepDefinition Step { get; }
    public object Settings { get; }
    public InstanceState State { get; }
    public string TokenId { get; }
    public DateTimeOffset Now => Instance.Now;
    public Instant NowInstant => Instant.FromDateTimeOffset(Instance.Now);
    public DateTimeZone Zone => Instance.Zone;
    public TemplateModel Model => Instance.Model;
    public JsonObject Variables => State.Variables;

    /// <summary>
    /// Queues a side effect to be committed with this burst. The key is unique per instance, path arrival and kind
    /// (plus <paramref name="keySuffix"/>, e.g. the recipient, when one step emits several messages of a kind),
    /// so a replayed burst or a retried delivery never produces a second message.
    /// </summary>
    public void Emit(string kind, JsonObject payload, string? keySuffix = null) =>
        _outbox.Add(new OutboxMessage(kind, $"{Instance.InstanceId:N}/{Step.Id}/{TokenId}/{kind}" + (keySuffix is null ? "" : $"/{keySuffix}"), Step.Id, payload));
}
