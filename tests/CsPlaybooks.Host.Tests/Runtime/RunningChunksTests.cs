using CsPlaybooks.Infrastructure.Pumps;
using Microsoft.Extensions.Logging.Abstractions;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>The chunks a pump has in flight across its passes: bounded, one key at a time, and fully reported to a drain.</summary>
public sealed class RunningChunksTests
{
    [Fact]
    public async Task AtMostParallelismRunAtOnce_AndTheNextStartsWhenOneEnds()
    {
        var chunks = new RunningChunks(parallelism: 2, NullLogger.Instance);
        var gates = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        var started = new List<int>();
        await chunks.StartAsync(["a"], Key, "items", (_, _) => { lock (started) started.Add(0); return gates[0].Task; }, CancellationToken.None);
        await chunks.StartAsync(["b"], Key, "items", (_, _) => { lock (started) started.Add(1); return gates[1].Task; }, CancellationToken.None);
        var third = chunks.StartAsync(["c"], Key, "items", (_, _) => { lock (started) started.Add(2); return gates[2].Task; }, CancellationToken.None);

        Assert.False(third.IsCompleted); // both slots taken
        gates[0].SetResult();
        await third;
        var finishing = chunks.FinishAsync();
        Assert.False(finishing.IsCompleted);
        gates[1].SetResult();
        gates[2].SetResult();
        Assert.Equal(3, await finishing);
        lock (started) Assert.Equal([0, 1, 2], started.Order());
    }

    [Fact]
    public async Task AChunkSharingAKeyWithARunningOne_StartsOnlyAfterIt()
    {
        var chunks = new RunningChunks(parallelism: 4, NullLogger.Instance);
        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var order = new List<string>();
        await chunks.StartAsync(["instance-1", "instance-2"], Key, "items", async (_, _) => { await first.Task; lock (order) order.Add("first"); }, CancellationToken.None);
        var second = chunks.StartAsync(["instance-2"], Key, "items", (_, _) => { lock (order) order.Add("second"); return Task.CompletedTask; }, CancellationToken.None);

        Assert.False(second.IsCompleted);
        first.SetResult();
        await second;
        await chunks.FinishAsync();
        Assert.Equal(["first", "second"], order);
    }

    [Fact]
    public async Task Finish_ReportsEachEndedChunkOnce_ThenZero()
    {
        var chunks = new RunningChunks(parallelism: 2, NullLogger.Instance);
        await chunks.StartAsync(Enumerable.Repeat("a", 5).ToList(), Key, "items", (_, _) => Task.CompletedTask, CancellationToken.None);
        await chunks.StartAsync(Enumerable.Repeat("b", 7).ToList(), Key, "items", (_, _) => Task.CompletedTask, CancellationToken.None);

        Assert.Equal(12, await chunks.FinishAsync());
        Assert.Equal(0, await chunks.FinishAsync());
    }

    [Fact]
    public async Task FreeSlots_CountsTheSlotsNoChunkHolds_AndWaitsWhileAllAreTaken()
    {
        var chunks = new RunningChunks(parallelism: 3, NullLogger.Instance);
        Assert.Equal(3, await chunks.FreeSlotsAsync(CancellationToken.None));
        var gates = Enumerable.Range(0, 3).Select(_ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).ToArray();
        await chunks.StartAsync(["a"], Key, "items", (_, _) => gates[0].Task, CancellationToken.None);
        Assert.Equal(2, await chunks.FreeSlotsAsync(CancellationToken.None));
        await chunks.StartAsync(["b"], Key, "items", (_, _) => gates[1].Task, CancellationToken.None);
        await chunks.StartAsync(["c"], Key, "items", (_, _) => gates[2].Task, CancellationToken.None);

        var free = chunks.FreeSlotsAsync(CancellationToken.None);
        Assert.False(free.IsCompleted); // every slot taken: a pump asks for nothing until one ends
        gates[1].SetResult();
        Assert.Equal(1, await free);
        gates[0].SetResult();
        gates[2].SetResult();
        Assert.Equal(3, await chunks.FinishAsync());
        Assert.Equal(3, await chunks.FreeSlotsAsync(CancellationToken.None));
    }

    private static string Key(string item) => item;
}
