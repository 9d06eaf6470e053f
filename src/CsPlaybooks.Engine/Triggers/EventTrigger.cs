using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Engine.Triggers;

public sealed record EventTriggerSettings(string Event, LiquidCondition? When);

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
