using CsPlaybooks.Infrastructure.Runtime;

namespace CsPlaybooks.Infrastructure.Pumps;

/// <summary>
/// Knows each pump's passes, so that a caller can wait until the pumps have nothing left to do at the current time:
/// <see cref="DrainAsync"/> wakes every pump and waits for a round in which each pump's next pass found nothing and no
/// pass did any work. Tests use it after advancing the virtual clock to prove that nothing happened (not merely
/// "not yet"); operators could use it before a shutdown.
/// </summary>
public sealed class PumpActivity
{
    private readonly Lock _gate = new();
    private readonly List<Monitor> _pumps = [];
    private long _busyPasses;

    public Monitor Register(string name, WakeSignal wake)
    {
        var monitor = new Monitor(this, name, wake);
        lock (_gate) _pumps.Add(monitor);
        return monitor;
    }

    /// <summary>Returns once every pump ran a pass that started after the call and found nothing due, with no work in between.</summary>
    public async Task DrainAsync(TimeSpan timeout, CancellationToken ct = default)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        var rounds = 0;
        while (true)
        {
            long busyBefore;
            List<(Monitor Pump, Task<int> Next)> next;
            lock (_gate)
            {
                busyBefore = _busyPasses;
                next = _pumps.Select(p => (p, p.NextPass())).ToList();
            }
            foreach (var (pump, _) in next) pump.Wake.Set();
            try
            {
                await Task.WhenAll(next.Select(n => n.Next)).WaitAsync(limit.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                var waiting = string.Join(", ", next.Where(n => !n.Next.IsCompleted).Select(n => n.Pump.Name));
                throw new TimeoutException($"the pumps did not drain within {timeout} ({rounds} rounds; still waiting for {waiting})");
            }
            rounds++;
            lock (_gate)
                if (_busyPasses == busyBefore && next.All(n => n.Next.Result == 0)) return;
        }
    }

    public sealed record Pass(TaskCompletionSource<int>? Watchers);

    /// <summary>One pump's passes.</summary>
    public sealed class Monitor(PumpActivity owner, string name, WakeSignal wake)
    {
        private TaskCompletionSource<int>? _next;
        public string Name { get; } = name;
        internal WakeSignal Wake { get; } = wake;

        internal Task<int> NextPass() => (_next ??= new(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

        public Pass Begin()
        {
            lock (owner._gate)
            {
                var pass = new Pass(_next);
                _next = null;
                return pass;
            }
        }

        public void End(Pass pass, int handled = 0, bool failed = false)
        {
            var result = failed ? -1 : handled;
            lock (owner._gate)
                if (result != 0) owner._busyPasses++;
            pass.Watchers?.TrySetResult(result);
        }
    }
}
