using System.Diagnostics;

namespace CsPlaybooks.Faults.Tests.Support;

/// <summary>Waits (real milliseconds) until a background effect of another process is visible; never stands in for business time.</summary>
public static class Poll
{
    public static async Task<T> Until<T>(Func<Task<T>> probe, Func<T, bool> done, string what, TimeSpan timeout, Func<T, string>? describe = null)
    {
        var clock = Stopwatch.StartNew();
        T value;
        do
        {
            value = await probe();
            if (done(value)) return value;
            await Task.Delay(100);
        } while (clock.Elapsed < timeout);
        Assert.Fail($"timed out after {timeout.TotalSeconds:0}s waiting for {what}; last: {(describe is null ? value?.ToString() : describe(value))}");
        return value;
    }
}
