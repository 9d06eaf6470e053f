using System.Text.Json.Nodes;

namespace CsPlaybooks.Engine.Runtime;

/// <summary>Why a bookmark resumes.</summary>
public abstract record ResumeSignal
{
    /// <summary>The bookmark's due time was reached.</summary>
    public sealed record TimerFired(DateTimeOffset DueAt) : ResumeSignal;
    /// <summary>A matching event arrived.</summary>
    public sealed record EventReceived(string EventId, string Name, JsonObject? Data) : ResumeSignal;
    /// <summary>An external party (e.g. a task) reports an outcome directly.</summary>
    public sealed record External(string Outcome, JsonObject? Data) : ResumeSignal;
}
