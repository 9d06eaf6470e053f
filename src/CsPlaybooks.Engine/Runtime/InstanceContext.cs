using CsPlaybooks.Engine.Expressions;
using NodaTime;

namespace CsPlaybooks.Engine.Runtime;

/// <summary>The instance-level facts a burst runs with: who, where in time, and the data templates see.</summary>
public sealed record InstanceContext(Guid InstanceId, string AccountId, DateTimeZone Zone, DateTimeOffset Now, TemplateModel Model)
{
    /// <summary>Holdout instances run their flow but every outbound touch is suppressed (journaled, not sent).</summary>
    public bool Holdout { get; init; }
}
