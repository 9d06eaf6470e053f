using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Steps.Flow;

public class SwitchStepTests
{
    private static CompiledPlaybook ByTier() => Compile(Playbook(
        """
        { "id": "tier", "type": "switch", "value": "account.tier", "cases": ["KA", "SMB"] },
        { "id": "ka", "type": "end" },
        { "id": "smb", "type": "end" },
        { "id": "fallback", "type": "end" }
        """,
        """
        { "from": "tier", "outcome": "KA", "to": "ka" },
        { "from": "tier", "outcome": "SMB", "to": "smb" },
        { "from": "tier", "outcome": "default", "to": "fallback" }
        """));

    [Theory]
    [InlineData("KA", "ka")]
    [InlineData("SMB", "smb")]
    public void Execute_ValueMatchesACase_TakesThatCase(string tier, string expectedEnd)
    {
        var burst = Interpreter.Start(ByTier(), Context(Utc(2026, 1, 1), account: Account(tier: tier)));

        Assert.Equal(expectedEnd, EndedAt(burst));
    }

    [Theory]
    [InlineData("Mid-market")]
    [InlineData("ka")]
    public void Execute_ValueMatchesNoCase_TakesDefault(string tier)
    {
        var burst = Interpreter.Start(ByTier(), Context(Utc(2026, 1, 1), account: Account(tier: tier)));

        Assert.Equal("fallback", EndedAt(burst));
    }

    [Fact]
    public void Compile_DefaultListedAsCase_IsRejected()
    {
        var result = CompileResult(Playbook("""{ "id": "tier", "type": "switch", "value": "account.tier", "cases": ["KA", "default"] }"""));

        AssertError(result, "tier", "cases", "\"default\" is always an outcome");
    }

    [Fact]
    public void Compile_DuplicateCase_IsRejected()
    {
        var result = CompileResult(Playbook("""{ "id": "tier", "type": "switch", "value": "account.tier", "cases": ["KA", "KA"] }"""));

        AssertError(result, "tier", "cases", "case \"KA\" is listed twice");
    }
}
