using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Expressions;
using NodaTime;

namespace CsPlaybooks.Engine.Triggers;

/// <summary>What a sweep judges an account by: its document, the template model built from it, and today in its time zone.</summary>
public sealed record SweepFacts(JsonObject Account, TemplateModel Model, LocalDate Today);

/// <summary>
/// Settings of a trigger the periodic sweep evaluates per account (contractDate, segment). Production's sweep and the
/// simulator both ask these, so they enrol on the same days.
/// </summary>
public interface ISweptTrigger
{
    /// <summary>
    /// The occurrence the account qualifies for now, or null. It becomes part of the enrolment key, so one occurrence
    /// enrols at most once (e.g. "contract:2026-01-01:2027-01-01": once per contract term).
    /// </summary>
    string? Occurrence(SweepFacts facts);

    /// <summary>True when only a change from not qualifying to qualifying enrols (a segment's entry), not every sweep that qualifies.</summary>
    bool EnrolsOnEntryOnly { get; }
}
