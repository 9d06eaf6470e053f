using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Expressions;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Engine.Steps;
using CsPlaybooks.Engine.Time;
using CsPlaybooks.Engine.Validation;

namespace CsPlaybooks.Engine.Tests;

/// <summary>Builders shared by the engine tests. Every test builds its own playbook and context from these.</summary>
internal static class TestSupport
{
    public static readonly Guid InstanceId = new("11111111-2222-3333-4444-555555555555");

    /// <summary>A playbook JSON document with the given steps and connections (each a comma-separated list of JSON objects).</summary>
    public static string Playbook(string steps, string connections = "", string extra = "", int version = 1) =>
        $$"""
        {
          "id": "test-playbook", "name": "Test playbook", "version": {{version}},
          {{(extra.Length > 0 ? extra + "," : "")}}
          "steps": [ {{steps}} ],
          "connections": [ {{connections}} ]
        }
        """;

    public static CompileResult CompileResult(string json, StepRegistry? registry = null) =>
        new PlaybookCompiler(registry ?? StepRegistry.CreateDefault()).Compile(json);

    /// <summary>Compiles and fails the test with the compiler's errors if the playbook is invalid.</summary>
    public static CompiledPlaybook Compile(string json, StepRegistry? registry = null)
    {
        var result = CompileResult(json, registry);
        Assert.True(result.IsValid, "expected a valid playbook, got: " + string.Join("; ", result.Errors));
        return result.Playbook!;
    }

    /// <summary>Asserts the compiler rejected the playbook with an error for the step and field whose message contains <paramref name="fragment"/>.</summary>
    public static DefinitionError AssertError(CompileResult result, string? stepId, string? field, string fragment)
    {
        Assert.False(result.IsValid, "expected the playbook to be rejected");
        Assert.Null(result.Playbook);
        var match = result.Errors.FirstOrDefault(e => e.StepId == stepId && e.Field == field && e.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.True(match is not null,
            $"expected an error for step '{stepId}', field '{field}' containing \"{fragment}\"; got: " + string.Join(" | ", result.Errors));
        return match!;
    }

    public static DateTimeOffset Utc(int year, int month, int day, int hour = 0, int minute = 0, int second = 0) =>
        new(year, month, day, hour, minute, second, TimeSpan.Zero);

    public static JsonObject Account(string tier = "KA", string name = "Acme GmbH") =>
        new() { ["id"] = "acc-1", ["name"] = name, ["tier"] = tier };

    public static InstanceContext Context(DateTimeOffset now, string zone = "UTC", JsonObject? account = null, JsonObject? contract = null)
    {
        var model = new TemplateModel()
            .Set("account", account ?? Account())
            .Set("contract", contract ?? new JsonObject { ["start"] = "2026-01-01", ["end"] = "2027-01-01" });
        return new InstanceContext(InstanceId, "acc-1", TimeZones.GetOrUtc(zone), now, model);
    }

    public static readonly PlaybookInterpreter Interpreter = new();

    /// <summary>Resumes the instance's only timer bookmark exactly at its due time.</summary>
    public static BurstResult FireTimer(CompiledPlaybook playbook, InstanceState state, string zone = "UTC")
    {
        var bookmark = Assert.Single(state.Bookmarks, b => b.DueAt is not null);
        return Interpreter.Resume(playbook, Context(bookmark.DueAt!.Value, zone), state, bookmark.Id, new ResumeSignal.TimerFired(bookmark.DueAt.Value));
    }

    /// <summary>Resumes the timer bookmark of one step at <paramref name="at"/> (default: exactly at its due time).</summary>
    public static BurstResult FireTimerAt(CompiledPlaybook playbook, InstanceState state, string stepId, DateTimeOffset? at = null)
    {
        var bookmark = Assert.Single(state.Bookmarks, b => b.StepId == stepId && b.DueAt is not null);
        return Interpreter.Resume(playbook, Context(at ?? bookmark.DueAt!.Value), state, bookmark.Id, new ResumeSignal.TimerFired(bookmark.DueAt!.Value));
    }

    /// <summary>Delivers an event to the instance's bookmark waiting for it.</summary>
    public static BurstResult SendEvent(CompiledPlaybook playbook, InstanceState state, DateTimeOffset at, string name, JsonObject? data = null)
    {
        var bookmark = Assert.Single(state.Bookmarks, b => b.EventName == name);
        return Interpreter.Resume(playbook, Context(at), state, bookmark.Id, new ResumeSignal.EventReceived("evt-1", name, data));
    }

    /// <summary>The step the instance ended at (the step of its instance.completed entry).</summary>
    public static string? EndedAt(BurstResult burst) =>
        Assert.Single(burst.Journal, j => j.Kind == JournalKinds.Completed).StepId;

    public static Bookmark SingleBookmark(BurstResult burst) => Assert.Single(burst.State.Bookmarks);

    public static IEnumerable<JournalEntry> Entries(BurstResult burst, string kind) => burst.Journal.Where(j => j.Kind == kind);

    /// <summary>Ids of the steps that completed in the burst, in order.</summary>
    public static IReadOnlyList<string?> CompletedStepIds(BurstResult burst) =>
        burst.Journal.Where(j => j.Kind == JournalKinds.StepCompleted).Select(j => j.StepId).ToList();
}
