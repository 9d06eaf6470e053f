using CsPlaybooks.Host.Memory;

namespace CsPlaybooks.Host.Tests.Operations;

/// <summary>When an idle node gives back the memory its last burst of work left committed.</summary>
public sealed class IdleMemoryTrimTests
{
    private const long Mb = 1024 * 1024;

    [Fact]
    public void Trims_OnceQuietAfterWork_WhenTheGcHoldsFarMoreThanTheLiveHeap() =>
        Assert.True(IdleMemoryTrim.ShouldTrim(allocatedSinceLastCheck: 2 * Mb, busySinceLastTrim: true, committedBytes: 300 * Mb, liveHeapBytes: 60 * Mb));

    [Fact]
    public void DoesNotTrim_WhileWorking() =>
        Assert.False(IdleMemoryTrim.ShouldTrim(allocatedSinceLastCheck: 400 * Mb, busySinceLastTrim: true, committedBytes: 300 * Mb, liveHeapBytes: 60 * Mb));

    [Fact]
    public void DoesNotTrim_AgainWithoutWorkInBetween() =>
        Assert.False(IdleMemoryTrim.ShouldTrim(allocatedSinceLastCheck: 2 * Mb, busySinceLastTrim: false, committedBytes: 300 * Mb, liveHeapBytes: 60 * Mb));

    [Fact]
    public void DoesNotTrim_WhenLittleWouldBeGivenBack() =>
        Assert.False(IdleMemoryTrim.ShouldTrim(allocatedSinceLastCheck: 2 * Mb, busySinceLastTrim: true, committedBytes: 100 * Mb, liveHeapBytes: 60 * Mb));
}
