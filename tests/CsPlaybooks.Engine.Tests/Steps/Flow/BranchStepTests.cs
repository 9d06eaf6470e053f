using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Steps.Flow;

public class BranchStepTests
{
    private static CompiledPlaybook IsKeyAccount() => Compile(Playbook(
        """
        { "id": "is-ka", "type": "branch", "condition": "account.tier == 'KA'" },
        { "id": "key-account", "type": "end" },
        { "id": "other", "type": "end" }
        """,
        """
        { "from": "is-ka", "outcome": "true", "to": "key-account" },
        { "from": "is-ka", "outcome": "false", "to": "other" }
        """));

    [Fact]
    public void Execute_ConditionTrue_TakesTheTruePath()
    {
        var burst = Interpreter.Start(IsKeyAccount(), Context(Utc(2026, 1, 1), account: Account(tier: "KA")));

        Assert.Equal("key-account", EndedAt(burst));
    }

    [Fact]
    public void Execute_ConditionFalse_TakesTheFalsePath()
    {
        var burst = Interpreter.Start(IsKeyAccount(), Context(Utc(2026, 1, 1), account: Account(tier: "SMB")));

        Assert.Equal("other", EndedAt(burst));
    }

    [Fact]
    public void Compile_Branch_HasOutcomesTrueAndFalse()
    {
        Assert.Equal(["true", "false"], IsKeyAccount().Steps["is-ka"].Outcomes);
    }
}
