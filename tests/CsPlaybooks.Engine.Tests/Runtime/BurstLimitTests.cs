using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Steps;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Runtime;

/// <summary>
/// The validator rejects loops without a waiting step, so the runtime cap is only reachable through a step type
/// that claims it can wait but never does. The cap must still stop such a loop.
/// </summary>
public class BurstLimitTests
{
    [Fact]
    public void Start_LoopThatNeverBlocks_FaultsAfterMaxStepsPerBurst()
    {
        var playbook = Compile(Playbook(
            """{ "id": "spin", "type": "neverWaits" }""",
            """{ "from": "spin", "to": "spin" }"""), StepRegistry.CreateDefault().Add(new NeverWaitsStep()));

        var burst = Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

        Assert.Equal(InstanceStatus.Faulted, burst.State.Status);
        Assert.Equal("spin", burst.State.FaultedStepId);
        Assert.Contains($"more than {PlaybookInterpreter.MaxStepsPerBurst} steps ran without waiting", burst.State.FaultMessage);
        Assert.Equal(PlaybookInterpreter.MaxStepsPerBurst, CompletedStepIds(burst).Count);
    }

    private sealed class NeverWaitsStep : StepType
    {
        public override string Type => "neverWaits";
        public override StepCategory Category => StepCategory.Flow;
        public override string Description => "Test step: says it can wait, never does.";
        public override bool CanWait => true;
        public override JsonObject SettingsSchema => SchemaBuilder.Object([]);
        public override object? Compile(SettingsReader reader) => new object();
        public override StepResult Execute(StepContext context) => StepResult.Done("did not wait");
    }
}
