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
    private readonly List<AccountChange> _accountChanges;

    internal StepContext(InstanceContext instance, StepDefinition step, object settings, InstanceState state, string tokenId, List<OutboxMessage> outbox, List<AccountChange> accountChanges)
    {
        _accountChanges = accountChanges;
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
    /// <summary>
    /// Changes a field of the account (dot path). Later steps of this burst see the new value; the change commits with
    /// the burst and is kept in the account's history with this step as its author.
    /// </summary>
    public void ChangeAccount(string field, JsonNode? value, string reason)
    {
        var account = Model.Get("account") as JsonObject ?? new JsonObject();
        Model.Set("account", account);
        var parts = field.Split('.');
        var parent = account;
        foreach (var part in parts[..^1])
        {
            if (parent[part] is not JsonObject child) parent[part] = child = new JsonObject();
            parent = child;
        }
        var old = parent[parts[^1]]?.DeepClone();
        parent[parts[^1]] = value?.DeepClone();
        if (parts[0] is "contract" or "health" or "csm") Model.Set(parts[0], account[parts[0]]?.DeepClone());
        _accountChanges.Add(new AccountChange(Step.Id, field, old, value?.DeepClone(), reason));
    }
    public void Emit(string kind, JsonObject payload, string? keySuffix = null) =>
        _outbox.Add(new OutboxMessage(kind, $"{Instance.InstanceId:N}/{Step.Id}/{TokenId}/{kind}" + (keySuffix is null ? "" : $"/{ShortKey(keySuffix)}"), Step.Id, payload));

    /// <summary>A suffix such as an email address can be long; its hash keeps the dedup key within its column.</summary>
    private static string ShortKey(string suffix) =>
        suffix.Length <= 64 ? suffix : Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(suffix)))[..40];
}
