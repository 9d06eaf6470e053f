using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Pumps;

/// <summary>
/// The loop every background pump shares: run a pass, go again at once while passes come back full, otherwise wait for
/// a wake-up or the poll interval (on the <see cref="TimeProvider"/>, a virtual clock in tests). Each pass is reported
/// to <see cref="PumpActivity"/>, which is how a test knows that nothing is left to do.
/// </summary>
public abstract class Pump(PumpActivity activity, TimeProvider time, ILogger log) : BackgroundService
{
    protected TimeProvider Time { get; } = time;
    protected ILogger Log { get; } = log;

    /// <summary>Set by commits that create work for this pump.</summary>
    protected abstract WakeSignal Wake { get; }
    protected abstract TimeSpan PollInterval { get; }
    /// <summary>A pass that handled this many items goes again without waiting.</summary>
    protected virtual int BatchSize => int.MaxValue;
    protected virtual TimeSpan ErrorDelay => PollInterval * 10;

    /// <summary>One pass: handles what is due now; returns how many items it handled.</summary>
    public abstract Task<int> RunOnceAsync(CancellationToken ct);

    /// <summary>The chunks a pump's passes leave running (<see cref="Pumps.RunningChunks"/>); null when a pass finishes its own work.</summary>
    protected virtual RunningChunks? Chunks => null;

    /// <summary>Stopping: the chunks still running end too (they see the same cancellation) before the host disposes what they use.</summary>
    public override async Task StopAsync(CancellationToken ct)
    {
        await base.StopAsync(ct);
        if (Chunks is { } chunks) await chunks.FinishAsync().WaitAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken ct)
    {
        var monitor = activity.Register(GetType().Name, Wake);
        while (!ct.IsCancellationRequested)
        {
            var pass = monitor.Begin();
            try
            {
                var handled = await RunOnceAsync(ct);
                monitor.End(pass, handled);
                if (handled < BatchSize) await Wake.WaitAsync(PollInterval, Time, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                monitor.End(pass, failed: true);
                Log.LogError(e, "{Pump} failed; retrying in {Delay}", GetType().Name, ErrorDelay);
                await Task.Delay(ErrorDelay, Time, ct).ContinueWith(_ => { }, CancellationToken.None);
            }
        }
    }
}
