namespace CsPlaybooks.Infrastructure.Runtime;

/// <summary>
/// Serialises bursts of one instance inside this process (striped semaphores), so concurrent resumes on one
/// node queue instead of colliding. Across nodes the instance's revision token does the same job.
/// </summary>
public sealed class InstanceLocks
{
    private readonly SemaphoreSlim[] _stripes = Enumerable.Range(0, 1024).Select(_ => new SemaphoreSlim(1, 1)).ToArray();

    public async Task<IDisposable> AcquireAsync(Guid instanceId, CancellationToken ct)
    {
        var stripe = _stripes[(instanceId.GetHashCode() & int.MaxValue) % _stripes.Length];
        await stripe.WaitAsync(ct);
        return new Releaser(stripe);
    }

    /// <summary>Locks several instances at once: their distinct stripes, in ascending order, so two callers never deadlock.</summary>
    public async Task<IDisposable> AcquireManyAsync(IEnumerable<Guid> instanceIds, CancellationToken ct)
    {
        var stripes = instanceIds.Select(id => (id.GetHashCode() & int.MaxValue) % _stripes.Length).Distinct().Order().Select(i => _stripes[i]).ToList();
        var held = new List<IDisposable>(stripes.Count);
        try
        {
            foreach (var stripe in stripes)
            {
                await stripe.WaitAsync(ct);
                held.Add(new Releaser(stripe));
            }
        }
        catch
        {
            held.ForEach(h => h.Dispose());
            throw;
        }
        return new Many(held);
    }

    private sealed class Many(List<IDisposable> held) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) held.ForEach(h => h.Dispose());
        }
    }

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) stripe.Release();
        }
    }
}
