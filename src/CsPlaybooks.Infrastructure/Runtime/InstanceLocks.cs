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

    private sealed class Releaser(SemaphoreSlim stripe) : IDisposable
    {
        private int _released;
        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0) stripe.Release();
        }
    }
}
