using CsPlaybooks.Engine.Runtime;

namespace CsPlaybooks.Engine.Steps;

/// <summary>What executing (or resuming) a step decided.</summary>
public abstract record StepResult
{
    /// <summary>Continue along the connections of this outcome.</summary>
    public sealed record Next(string Outcome, string Summary) : StepResult;
    /// <summary>Wait: the path blocks until the bookmark resumes.</summary>
    public sealed record Wait(BookmarkRequest Bookmark, string Summary) : StepResult;
    /// <summary>End the whole instance (every other path is cancelled).</summary>
    public sealed record EndInstance(string Summary) : StepResult;
    /// <summary>On resume only: the signal does not concern this step (e.g. an event that fails the filter); keep waiting.</summary>
    public sealed record Ignore(string Reason) : StepResult;
    /// <summary>The step failed; the instance is faulted at this step and can be retried.</summary>
    public sealed record Fault(string Message) : StepResult;

    public static Next Done(string summary) => new(Definitions.Outcomes.Done, summary);
}

/// <summary>What a waiting step wants to be woken by.</summary>
public sealed record BookmarkRequest(string? EventName, DateTimeOffset? DueAt, System.Text.Json.Nodes.JsonObject? Data = null);
