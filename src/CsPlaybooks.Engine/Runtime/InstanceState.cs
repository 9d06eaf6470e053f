using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CsPlaybooks.Engine.Runtime;

/// <summary>Everything the interpreter needs to continue an instance; stored as compact JSON.</summary>
public sealed class InstanceState
{
    public InstanceStatus Status { get; set; } = InstanceStatus.Running;
    /// <summary>Paths ready to run (no bookmark) or waiting (a bookmark names them).</summary>
    public List<Token> Tokens { get; set; } = [];
    public List<Bookmark> Bookmarks { get; set; } = [];
    public JsonObject Variables { get; set; } = [];
    /// <summary>For steps with join "all": which inbound connections have arrived.</summary>
    public Dictionary<string, List<string>> JoinArrivals { get; set; } = [];
    /// <summary>Steps that have finished at least once; migration never re-runs them.</summary>
    public HashSet<string> CompletedSteps { get; set; } = [];
    public string? FaultedStepId { get; set; }
    public string? FaultMessage { get; set; }
    /// <summary>Source of deterministic token/bookmark ids, so a replayed burst produces the same ids.</summary>
    public long Sequence { get; set; }

    public string NextId() => (++Sequence).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public string Serialize() => JsonSerializer.Serialize(this, Json);
    public static InstanceState Deserialize(string json) => JsonSerializer.Deserialize<InstanceState>(json, Json)!;
    public InstanceState Clone() => Deserialize(Serialize());
}

public enum InstanceStatus { Running, Completed, Cancelled, Faulted }

/// <summary>A path's position: the step it is at.</summary>
public sealed record Token(string Id, string StepId);

/// <summary>
/// Where a waiting path resumes: on an event (<see cref="EventName"/>), at a time (<see cref="DueAt"/>),
/// or whichever comes first. Consumed exactly once.
/// </summary>
public sealed record Bookmark(string Id, string TokenId, string StepId)
{
    public string? EventName { get; init; }
    public DateTimeOffset? DueAt { get; init; }
    /// <summary>Step-specific data (e.g. a task id or the event filter).</summary>
    public JsonObject? Data { get; init; }
}
