using CsPlaybooks.Host.Memory;

namespace CsPlaybooks.Host.Tests.Operations;

/// <summary>When an idle node gives back the memory its last burst of work left committed.</summary>
public sealed class IdleMemoryTrimTests
{
    private const long Mb = 1024 * 1024;

    [Fact]
    public void Trims_OnceQuietAfterWork() =>
        Assert.True(IdleMemoryTrim.ShouldTrim(allocatedSinceLastCheck: 2 * Mb, allocatedSinceLastTrim: 3_000 * Mb));

    [Fact]
    public void DoesNotTrim_WhileWorking() =>
        Assert.False(IdleMemoryTrim.ShouldTrim(allocatedSinceLastCheck: 400 * Mb, allocatedSinceLastTrim: 3_000 * Mb));

    [Fact]
    public void DoesNotTrim_AgainBeforeThePollingHasRefilledTheHeap() =>
        Assert.False(IdleMemoryTrim.ShouldTrim(allocatedSinceLastCheck: 2 * Mb, allocatedSinceLastTrim: 20 * Mb));

    [Fact]
    public void Trims_Again_OnceQuietPollingHasRefilledTheYoungGeneration() =>
        Assert.True(IdleMemoryTrim.ShouldTrim(allocatedSinceLastCheck: 12 * Mb, allocatedSinceLastTrim: 40 * Mb));
}
