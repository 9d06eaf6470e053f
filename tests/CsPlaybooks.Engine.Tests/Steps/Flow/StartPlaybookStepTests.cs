using CsPlaybooks.Engine.Runtime;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Steps.Flow;

public class StartPlaybookStepTests
{
    private static readonly string StartsOnboarding = Playbook("""{ "id": "kick-off", "type": "startPlaybook", "playbook": "onboarding" }""");

    [Fact]
    public void Execute_EmitsStartPlaybookMessageForTheAccount()
    {
        var burst = Interpreter.Start(Compile(StartsOnboarding), Context(Utc(2026, 1, 1)));

        var message = Assert.Single(burst.Outbox);
        Assert.Equal(OutboxKinds.StartPlaybook, message.Kind);
        Assert.Equal("startPlaybook", message.Kind);
        Assert.Equal("kick-off", message.StepId);
        Assert.Equal("onboarding", message.Payload["playbookId"]!.GetValue<string>());
        Assert.Equal("acc-1", message.Payload["accountId"]!.GetValue<string>());
        Assert.Equal(InstanceId.ToString(), message.Payload["parentInstanceId"]!.GetValue<string>());
    }

    [Fact]
    public void Execute_SameInputsTwice_SameDedupKey()
    {
        var playbook = Compile(StartsOnboarding);

        var first = Assert.Single(Interpreter.Start(playbook, Context(Utc(2026, 1, 1))).Outbox);
        var second = Assert.Single(Interpreter.Start(playbook, Context(Utc(2026, 1, 1))).Outbox);

        Assert.Equal(first.DedupKey, second.DedupKey);
        Assert.StartsWith($"{InstanceId:N}/kick-off/", first.DedupKey);
        Assert.EndsWith("/startPlaybook", first.DedupKey);
    }

    [Fact]
    public void Compile_WithoutPlaybook_ReportsThePlaybookField()
    {
        var result = CompileResult(Playbook("""{ "id": "kick-off", "type": "startPlaybook" }"""));

        AssertError(result, "kick-off", "playbook", "'playbook' is required");
    }
}
