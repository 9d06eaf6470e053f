using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Runtime;

/// <summary>Holdout instances run their flow, but only startPlaybook messages leave the outbox.</summary>
public class HoldoutTests
{
    private static CompiledPlaybook NotifyThenStart() => Compile(Playbook(
        """
        { "id": "tell-csm", "type": "notifyTest" },
        { "id": "kick-off", "type": "startPlaybook", "playbook": "onboarding" }
        """,
        """{ "from": "tell-csm", "to": "kick-off" }"""), StepRegistry.CreateDefault().Add(new NotifyTestStep()));

    [Fact]
    public void Start_HoldoutContext_SuppressesTouchesButKeepsStartPlaybook()
    {
        var burst = Interpreter.Start(NotifyThenStart(), Context(Utc(2026, 1, 1)) with { Holdout = true });

        var message = Assert.Single(burst.Outbox);
        Assert.Equal(OutboxKinds.StartPlaybook, message.Kind);
        Assert.Contains(burst.Journal, j => j.StepId == "tell-csm" && j.Summary == "holdout: notify not sent");
        Assert.Equal(["tell-csm", "kick-off"], CompletedStepIds(burst));
    }

    [Fact]
    public void Start_NormalContext_SendsEveryMessage()
    {
        var burst = Interpreter.Start(NotifyThenStart(), Context(Utc(2026, 1, 1)));

        Assert.Equal(["notify", OutboxKinds.StartPlaybook], burst.Outbox.Select(m => m.Kind));
    }

    /// <summary>A touch the holdout must suppress, standing in for sendEmail / notify.</summary>
    private sealed class NotifyTestStep : StepType
    {
        public override string Type => "notifyTest";
        public override StepCategory Category => StepCategory.Email;
        public override string Description => "Test step: emits a notify message.";
        public override JsonObject SettingsSchema => SchemaBuilder.Object([]);
        public override object? Compile(SettingsReader reader) => new object();

        public override StepResult Execute(StepContext context)
        {
            context.Emit("notify", new JsonObject { ["to"] = "csm" });
            return StepResult.Done("notified");
        }
    }
}
