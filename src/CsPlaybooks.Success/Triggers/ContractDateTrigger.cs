using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Time;
using CsPlaybooks.Engine.Triggers;
using NodaTime;
using NodaTime.Text;
using static CsPlaybooks.Engine.Steps.SchemaBuilder;

namespace CsPlaybooks.Success.Triggers;

/// <summary>
/// When an account's contract reaches a point: an offset from its start or end (<c>from: end, offset: -P4M</c>), or a
/// fraction of the term elapsed (<c>fraction: 0.6667</c> = one third of the term left: 12 months → 4 months before
/// the end, 24 → 8). One enrolment per contract term, so a renewal (new dates) re-arms it.
/// </summary>
public sealed record ContractDateTriggerSettings(string From, CalendarPeriod? Offset, double? Fraction, LiquidCondition? When) : ISweptTrigger
{
    public bool EnrolsOnEntryOnly => false;

    /// <summary>
    /// "contract:{start}:{end}" from the point's day (in the account's zone) to the contract's last day while <c>when</c>
    /// holds; null before the point, after the end, or without dates. A renewal's new dates are a new occurrence.
    /// </summary>
    public string? Occurrence(SweepFacts facts)
    {
        var contract = facts.Account["contract"] as JsonObject;
        if (PointFor(contract) is not { } point || facts.Today < point) return null;
        if (LocalDatePattern.Iso.Parse((string?)contract?["end"] ?? "") is { Success: true } end && facts.Today > end.Value) return null;
        if (When is { } when && !when.Evaluate(facts.Model)) return null;
        return $"contract:{contract?["start"]}:{contract?["end"]}";
    }

    /// <summary>The day the trigger point falls on for a contract, or null when the contract lacks the dates.</summary>
    public LocalDate? PointFor(JsonObject? contract)
    {
        if (contract is null) return null;
        var start = LocalDatePattern.Iso.Parse((string?)contract["start"] ?? "");
        var end = LocalDatePattern.Iso.Parse((string?)contract["end"] ?? "");
        if (Fraction is { } fraction)
        {
            return start.Success && end.Success ? ContractTerm.PointAt(start.Value, end.Value, fraction) : null;
        }
        var anchor = From == "start" ? start : end;
        if (!anchor.Success) return null;
        var at = anchor.Value.AtStartOfDayInZone(DateTimeZone.Utc).ToInstant();
        return (Offset?.AddTo(at, DateTimeZone.Utc) ?? at).InUtc().Date;
    }
}

public sealed class ContractDateTrigger : TriggerType
{
    public override string Type => "contractDate";
    public override string Description => "Start when the account's contract reaches a date: an offset from start or end, or a fraction of the term; re-arms on renewal.";
    public override JsonObject SettingsSchema => Object(new()
    {
        ["from"] = new JsonObject { ["enum"] = new JsonArray("start", "end"), ["description"] = "Anchor date (default end)" },
        ["offset"] = Duration("Offset from the anchor, e.g. -P4M"),
        ["fraction"] = new JsonObject { ["type"] = "number", ["minimum"] = 0, ["maximum"] = 1, ["description"] = "Fraction of the term elapsed, e.g. 0.6667 (one third left)" },
        ["when"] = String("Optional condition on the account"),
    });

    public override object? Compile(SettingsReader reader, TriggerCompileOptions options)
    {
        var from = reader.OptionalString("from") ?? "end";
        if (from is not ("start" or "end")) reader.Error("from", "'from' must be \"start\" or \"end\"");
        var offset = reader.Period("offset", required: false);
        double? fraction = null;
        if (reader.Raw("fraction") is { } raw)
        {
            if (raw is JsonValue v && v.TryGetValue<double>(out var f) && f is > 0 and < 1) fraction = f;
            else reader.Error("fraction", "'fraction' must be a number between 0 and 1, e.g. 0.6667 for one third of the term left");
        }
        if (fraction is not null && (offset is not null || reader.Raw("from") is not null))
            reader.Error("fraction", "use either 'fraction' or 'from' + 'offset', not both");
        var when = reader.Condition("when", required: false);
        return reader.HasErrors ? null : new ContractDateTriggerSettings(from, offset, fraction, when);
    }
}
