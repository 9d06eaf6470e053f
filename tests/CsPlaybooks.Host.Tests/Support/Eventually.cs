namespace CsPlaybooks.Host.Tests.Support;

/// <summary>Polls until a background effect (pump, outbox) is visible. Waits real milliseconds, never business time.</summary>
public static class Eventually
{
    public static async Task<T> Get<T>(Func<Task<T>> probe, Func<T, bool> done, string what, int timeoutSeconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        T value;
        do
        {
            value = await probe();
            if (done(value)) return value;
            await Task.Delay(50);
        } while (DateTime.UtcNow < deadline);
        Assert.Fail($"timed out after {timeoutSeconds}s waiting for {what}; last value: {value}");
        return value;
    }
}
