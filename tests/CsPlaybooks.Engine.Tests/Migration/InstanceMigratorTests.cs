using CsPlaybooks.Engine.Migration;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Validation;
using static CsPlaybooks.Engine.Tests.TestSupport;

namespace CsPlaybooks.Engine.Tests.Migration;

public class InstanceMigratorTests
{
    private static readonly Dictionary<string, string> NoMap = [];

    /// <summary>intro → {waitId} ({waitType}) → after.</summary>
    private static CompiledPlaybook Version(int version, string waitId = "pause", string waitType = "wait") => Compile(Playbook(
        $$$"""
        { "id": "intro", "type": "setVariable", "variable": "introduced", "value": "{{ variables.introduced | plus: 1 }}" },
        { "id": "{{{waitId}}}", "type": "{{{waitType}}}", {{{(waitType == "wait" ? "\"duration\": \"P7D\"" : "\"event\": \"account.opened\", \"timeout\": \"P7D\"")}}} },
        { "id": "after", "type": "setVariable", "variable": "finished", "value": "yes" }
        """,
        $$"""
        { "from": "intro", "to": "{{waitId}}" },
        { "from": "{{waitId}}", "outcome": "{{(waitType == "wait" ? "done" : "timeout")}}", "to": "after" }
        """,
        extra: """ "variables": { "introduced": 0 } """,
        version: version));

    private static BurstResult StartedOn(CompiledPlaybook playbook) => Interpreter.Start(playbook, Context(Utc(2026, 1, 1)));

    [Fact]
    public void Apply_WaitMappedToRenamedWait_KeepsBookmarkAndDueAt()
    {
        var v1 = Version(1);
        var v2 = Version(2, waitId: "hold");
        var started = StartedOn(v1);
        var before = SingleBookmark(started);
        var map = new Dictionary<string, string> { ["pause"] = "hold" };

        var plan = InstanceMigrator.Plan(v1, v2, started.State, map);
        var (state, entry) = InstanceMigrator.Apply(v1, v2, started.State, map, Utc(2026, 1, 2));

        Assert.True(plan.CanMigrate, plan.Reason);
        Assert.Equal([new MigratedPosition("pause", "hold")], plan.Positions);
        var after = Assert.Single(state.Bookmarks);
        Assert.Equal(before.Id, after.Id);
        Assert.Equal(before.TokenId, after.TokenId);
        Assert.Equal(before.DueAt, after.DueAt);
        Assert.Equal("hold", after.StepId);
        Assert.Equal("hold", Assert.Single(state.Tokens).StepId);
        Assert.Equal(JournalKinds.Migrated, entry.Kind);
        Assert.Equal("migrated from v1 to v2: pause → hold", entry.Summary);
        Assert.Equal("pause", SingleBookmark(started).StepId);
    }

    [Fact]
    public void Plan_SameStepIdInTarget_MapsByDefault()
    {
        var v1 = Version(1);
        var v2 = Version(2);
        var started = StartedOn(v1);

        var plan = InstanceMigrator.Plan(v1, v2, started.State, NoMap);

        Assert.True(plan.CanMigrate, plan.Reason);
        Assert.Equal([new MigratedPosition("pause", "pause")], plan.Positions);
    }

    [Fact]
    public void Plan_StepMissingInTarget_RefusesNamingTheStep()
    {
        var v1 = Version(1);
        var v2 = Version(2, waitId: "hold");
        var started = StartedOn(v1);

        var plan = InstanceMigrator.Plan(v1, v2, started.State, NoMap);

        Assert.False(plan.CanMigrate);
        Assert.Contains("'pause'", plan.Reason);
        Assert.Contains("has no step in v2", plan.Reason);
    }

    [Fact]
    public void Plan_MappedToUnknownStep_RefusesNamingTheTarget()
    {
        var v1 = Version(1);
        var v2 = Version(2, waitId: "hold");
        var started = StartedOn(v1);

        var plan = InstanceMigrator.Plan(v1, v2, started.State, new Dictionary<string, string> { ["pause"] = "holdd" });

        Assert.False(plan.CanMigrate);
        Assert.Contains("'holdd', which is not a step of v2", plan.Reason);
    }

    [Fact]
    public void Plan_WaitMappedToWaitForEvent_RefusesTheTypeChange()
    {
        var v1 = Version(1);
        var v2 = Version(2, waitId: "listen", waitType: "waitForEvent");
        var started = StartedOn(v1);

        var plan = InstanceMigrator.Plan(v1, v2, started.State, new Dictionary<string, string> { ["pause"] = "listen" });

        Assert.False(plan.CanMigrate);
        Assert.Contains("waits at 'pause' (wait)", plan.Reason);
        Assert.Contains("'listen' in v2 is a waitForEvent", plan.Reason);
    }

    [Fact]
    public void Plan_CompletedInstance_Refuses()
    {
        var v1 = Version(1);
        var finished = FireTimer(v1, StartedOn(v1).State);

        var plan = InstanceMigrator.Plan(v1, Version(2), finished.State, NoMap);

        Assert.False(plan.CanMigrate);
        Assert.Equal("the instance is completed", plan.Reason);
    }

    [Fact]
    public void Apply_RefusedPlan_Throws()
    {
        var v1 = Version(1);
        var started = StartedOn(v1);

        var e = Assert.Throws<InvalidOperationException>(() => InstanceMigrator.Apply(v1, Version(2, waitId: "hold"), started.State, NoMap, Utc(2026, 1, 2)));

        Assert.Contains("'pause'", e.Message);
    }

    [Fact]
    public void Apply_ThenResume_NeverRerunsCompletedSteps()
    {
        var v1 = Version(1);
        var v2 = Version(2, waitId: "hold");
        var started = StartedOn(v1);
        var (migrated, _) = InstanceMigrator.Apply(v1, v2, started.State, new Dictionary<string, string> { ["pause"] = "hold" }, Utc(2026, 1, 2));

        var resumed = FireTimer(v2, migrated);

        Assert.Contains("intro", migrated.CompletedSteps);
        Assert.DoesNotContain(resumed.Journal, j => j.StepId == "intro");
        Assert.Equal(["hold", "after"], CompletedStepIds(resumed));
        Assert.Equal("1", resumed.State.Variables["introduced"]!.ToJsonString());
        Assert.Equal(InstanceStatus.Completed, resumed.State.Status);
    }
}
