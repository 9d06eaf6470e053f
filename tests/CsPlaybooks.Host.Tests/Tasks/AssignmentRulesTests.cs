using CsPlaybooks.Success.Csms;

namespace CsPlaybooks.Host.Tests.Tasks;

/// <summary>Unit tests of the pure assignment rules (CsPlaybooks.Success has no test project of its own yet).</summary>
public sealed class AssignmentRulesTests
{
    private static readonly AssignmentRules Rules = new();

    private static CsmProfile Csm(string id, string touch, int? capacity = null, string[]? industries = null, string[]? tiers = null) =>
        new(id, id, touch, capacity, industries ?? [], tiers ?? [], false);

    private static Dictionary<string, int> Loads(params (string Id, int Load)[] loads) => loads.ToDictionary(l => l.Id, l => l.Load);

    [Fact]
    public void Pick_LeastLoaded_Wins()
    {
        var decision = CsmAssigner.Pick(new("a", "KA", "retail", null), [Csm("x", "high"), Csm("y", "high")], Loads(("x", 5), ("y", 3)), Rules);
        Assert.Equal("y", decision.Csm!.Id);
    }

    [Fact]
    public void Pick_FullCsm_IsNeverChosen()
    {
        var decision = CsmAssigner.Pick(new("a", "KA", null, null), [Csm("x", "high", capacity: 3), Csm("y", "high")], Loads(("x", 2), ("y", 25)), Rules);
        Assert.Equal("x", decision.Csm!.Id);   // y is at the default high-touch capacity 25
    }

    [Fact]
    public void Pick_DefaultCapacity_HighIs25_MidIs200()
    {
        Assert.Equal(25, Rules.CapacityOf(Csm("x", "high")));
        Assert.Equal(200, Rules.CapacityOf(Csm("x", "mid")));
        Assert.Equal(7, Rules.CapacityOf(Csm("x", "mid", capacity: 7)));
    }

    [Fact]
    public void Pick_SkillsMustMatchIndustryAndTier()
    {
        var csms = new[] { Csm("x", "mid", industries: ["tourism"]), Csm("y", "mid", tiers: ["KA"]), Csm("z", "mid", industries: ["retail"], tiers: ["ordinary"]) };
        var decision = CsmAssigner.Pick(new("a", "ordinary", "retail", null), csms, Loads(), Rules);
        Assert.Equal("z", decision.Csm!.Id);
    }

    [Fact]
    public void Pick_TouchModelFromTier_MicroPrefersTechThenMid()
    {
        Assert.Equal("t", CsmAssigner.Pick(new("a", "micro", null, null), [Csm("m", "mid"), Csm("t", "tech")], Loads(("t", 900)), Rules).Csm!.Id);
        Assert.Equal("m", CsmAssigner.Pick(new("a", "micro", null, null), [Csm("m", "mid"), Csm("h", "high")], Loads(), Rules).Csm!.Id);
        Assert.Equal("h", CsmAssigner.Pick(new("a", "ordinary", null, "high"), [Csm("m", "mid"), Csm("h", "high")], Loads(), Rules).Csm!.Id);
    }

    [Fact]
    public void Pick_NobodyFits_ExplainsEveryCsm()
    {
        var decision = CsmAssigner.Pick(new("acct-1", "KA", "retail", null),
            [Csm("full", "high", capacity: 1), Csm("mid", "mid"), Csm("tourism", "high", industries: ["tourism"])], Loads(("full", 1)), Rules);
        Assert.Null(decision.Csm);
        Assert.Contains("full: at capacity (1 of 1 accounts)", decision.Reason);
        Assert.Contains("mid: touch model mid, the account needs high", decision.Reason);
        Assert.Contains("tourism: industries tourism do not include retail", decision.Reason);
        Assert.Contains("no CSMs are registered", CsmAssigner.Pick(new("a", "KA", null, null), [], Loads(), Rules).Reason);
    }

    [Fact]
    public void Rules_AreConfigurable()
    {
        var rules = new AssignmentRules();
        rules.TouchModelsByTier["micro"] = ["tech"];
        Assert.Null(CsmAssigner.Pick(new("a", "micro", null, null), [Csm("m", "mid")], Loads(), rules).Csm);
    }
}
