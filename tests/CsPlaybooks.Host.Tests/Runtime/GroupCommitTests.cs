using CsPlaybooks.Infrastructure.Runtime;
using Microsoft.Extensions.Logging.Abstractions;

namespace CsPlaybooks.Host.Tests.Runtime;

/// <summary>
/// Group commit with two writers and even batches: a batch starts beside one in flight only once as many items wait as
/// that one holds; fewer wait for it to end and then go together.
/// </summary>
public sealed class GroupCommitTests
{
    [Theory]
    [InlineData(true, new[] { 1, 1, 6, 5 })]
    [InlineData(false, new[] { 1, 1, 6, 1, 4 })]
    public async Task SecondBatch_StartsBesideTheFirst_OnlyWithAsManyItemsAsItHolds(bool evenBatches, int[] expectedSizes)
    {
        var sizes = new List<int>();
        var gates = new List<TaskCompletionSource>();
        var open = false;
        var started = new SemaphoreSlim(0);
        await using var group = new GroupCommit<string, string>(2, 100, async items =>
        {
            var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (sizes)
            {
                sizes.Add(items.Count);
                gates.Add(gate);
                if (open) gate.SetResult();
            }
            started.Release();
            await gate.Task;
            return items.Select(i => i.ToUpperInvariant()).ToList();
        }, null, NullLogger.Instance, evenBatches);

        var a = group.SubmitAsync("a", default);
        await started.WaitAsync(); // batch [a] in flight
        var b = group.SubmitAsync("b", default);
        await started.WaitAsync(); // batch [b] beside it: both writers busy
        var c = Enumerable.Range(1, 6).Select(i => group.SubmitAsync($"c{i}", default)).ToList();
        Gate(0).SetResult(); // a's writer takes all six waiting
        Assert.Equal("A", await a);
        await started.WaitAsync();
        Gate(1).SetResult(); // [c1..c6] in flight, one writer free
        Assert.Equal("B", await b);

        var d = new List<Task<string>>();
        for (var i = 1; i <= 5; i++)
        {
            d.Add(group.SubmitAsync($"d{i}", default));
            if (!evenBatches && i == 1) await started.WaitAsync(); // the free writer takes d1 alone
        }
        lock (sizes)
        {
            open = true; // every batch in flight ends, and any later one runs at once
            foreach (var gate in gates) gate.TrySetResult();
        }
        Assert.Equal(["C1", "C2", "C3", "C4", "C5", "C6"], await Task.WhenAll(c));
        Assert.Equal(["D1", "D2", "D3", "D4", "D5"], await Task.WhenAll(d));
        lock (sizes) Assert.Equal(expectedSizes, sizes);

        TaskCompletionSource Gate(int i)
        {
            lock (sizes) return gates[i];
        }
    }
}
