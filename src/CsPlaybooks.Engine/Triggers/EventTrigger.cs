using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Triggers;

public sealed record EventTriggerSettings(string Event, LiquidCondition? When)
{
    /// <summary>The trigger's view of an event: <c>{ id, name, data }</c>, seen by <c>when</c> and the first burst as <c>event</c>.</summary>
    public static JsonObject EventModel(string id, string name, JsonObject? data) => new() { ["id"] = id, ["name"] = name, ["data"] = data?.DeepClone() };

    /// <summary>True when the event enrols the account: its name matches and <c>when</c> holds for the account with <c>event</c> set.</summary>
    public bool Accepts(TemplateModel account, JsonObject eventModel) =>
        (string?)eventModel["name"] == Event && (When is not { } when || when.Evaluate(account.Set("event", eventModel.DeepClone())));
}

/// <summary>Starts an instance for the event's account when the event arrives (subject to the re-entry rule).</summary>
public sealed class EventTrigger : TriggerType
{
    public override string Type => "event";
    public override string Description => "Start when an event arrives for an account (account.signed, account.handedOver, usage.dropped, …).";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["event"] = String("Event name", FieldLimits.EventName),
        ["when"] = String("Optional Liquid condition on account and event"),
    }, "event");

    public override object? Compile(SettingsReader reader, TriggerCompileOptions options)
    {
        var settings = new EventTriggerSettings(reader.RequiredString("event", "\"account.handedOver\"", FieldLimits.EventName), reader.Condition("when", required: false));
        return reader.HasErrors ? null : settings;
    }
}
