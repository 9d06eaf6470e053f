using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Engine.Runtime;

namespace CsPlaybooks.Engine.Steps;

public enum StepCategory { Flow, Tasks, Email, Data }

/// <summary>
/// A kind of step in the palette. Subclasses live one per file with their settings record:
/// they read and check their settings once (<see cref="Compile"/>), then execute many times.
/// </summary>
public abstract class StepType
{
    public abstract string Type { get; }
    public abstract StepCategory Category { get; }
    public abstract string Description { get; }
    /// <summary>True when the step can block; a cycle must contain at least one such step.</summary>
    public virtual bool CanWait => false;
    /// <summary>JSON Schema of the type's own settings (properties besides id, type, name, position, join).</summary>
    public abstract JsonObject SettingsSchema { get; }

    /// <summary>Reads the step's settings; reports problems to <paramref name="reader"/> and returns null if there were any.</summary>
    public abstract object? Compile(SettingsReader reader);

    /// <summary>The outcomes connections may leave a step of this type by (declared as data; see <see cref="OutcomeRule"/>).</summary>
    public virtual OutcomeRule Outcomes => OutcomeRule.Done;

    public abstract StepResult Execute(StepContext context);

    /// <summary>
    /// Checks settings that refer to other steps of the same playbook (e.g. waitForTask → its createTask), after every
    /// step's own settings compiled. Report problems with <paramref name="error"/> (field, message).
    /// </summary>
    public virtual void CheckReferences(object settings, IReadOnlyList<StepDefinition> steps, Action<string, string> error) { }

    /// <summary>Called when this step's bookmark resumes; decides the outcome.</summary>
    public virtual StepResult Resume(StepContext context, Bookmark bookmark, ResumeSignal signal) =>
        StepResult.Done("resumed");
}

/// <summary>A step type with a typed settings record.</summary>
public abstract class StepType<TSettings> : StepType where TSettings : class
{
    public sealed override object? Compile(SettingsReader reader)
    {
        var settings = Read(reader);
        return reader.HasErrors ? null : settings;
    }

    protected abstract TSettings Read(SettingsReader reader);

    public sealed override StepResult Execute(StepContext context) => Execute(context, (TSettings)context.Settings);
    protected abstract StepResult Execute(StepContext context, TSettings settings);

    public sealed override StepResult Resume(StepContext context, Bookmark bookmark, ResumeSignal signal) =>
        Resume(context, (TSettings)context.Settings, bookmark, signal);
    protected virtual StepResult Resume(StepContext context, TSettings settings, Bookmark bookmark, ResumeSignal signal) =>
        StepResult.Done("resumed");
}
