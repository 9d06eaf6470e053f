namespace CsPlaybooks.Infrastructure.Events;

/// <summary>How this node delivers stored events (configuration section <c>Events</c>).</summary>
public sealed class EventOptions
{
    /// <summary>How often the pump looks for undelivered events when not woken earlier. Default 200 ms.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMilliseconds(200);
    /// <summary>Events claimed per query. Default 500; they are delivered in transactions of up to 100 events (whole accounts).</summary>
    public int BatchSize { get; set; } = 500;
    /// <summary>Delivery transactions in flight at once, across claims (the next claim is made while the last ones commit). Default 2.</summary>
    public int Parallelism { get; set; } = 2;
    /// <summary>
    /// How long a node holds an event it is delivering. An event is stored already claimed by the node that accepted it,
    /// which delivers it right after the commit; if that node dies first, any node's pump delivers it once this ends. Default 30 s.
    /// </summary>
    public TimeSpan Lease { get; set; } = TimeSpan.FromSeconds(30);
}
