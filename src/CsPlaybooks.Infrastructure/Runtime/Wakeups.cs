namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>Lets a commit wake the timer, outbox, event and task pumps at once instead of at their next poll.</summary>
public sealed class Wakeups
{
    public WakeSignal Timers { get; } = new();
    public WakeSignal Outbox { get; } = new();
    public WakeSignal Events { get; } = new();
    /// <summary>The task monitor's escalation check (woken by a drain).</summary>
    public WakeSignal Tasks { get; } = new();
}

public sealed class WakeSignal
{
    private TaskCompletionSource _tcs = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Set() => _tcs.TrySetResult();

    /// <summary>Waits for a wake-up or the poll interval, on the given clock.</summary>
    public async Task WaitAsync(TimeSpan interval, TimeProvider time, CancellationToken ct)
    {
        var current = _tcs;
        await Task.WhenAny(current.Task, Task.Delay(interval, time, ct));
        ct.ThrowIfCancellationRequested();
        if (current.Task.IsCompleted) Interlocked.CompareExchange(ref _tcs, new(TaskCreationOptions.RunContinuationsAsynchronously), current);
    }
}
