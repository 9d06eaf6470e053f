using System.Text.Json.Nodes;
using CsPlaybooks.Engine.Steps;

namespace CsPlaybooks.Engine.Triggers;

/// <summary>A way instances start. The host acts on the compiled settings (subscribes, schedules, …).</summary>
public abstract class TriggerType
{
    public abstract string Type { get; }
    public abstract string Description { get; }
    public abstract JsonObject SettingsSchema { get; }
    public abstract object? Compile(SettingsReader reader, TriggerCompileOptions options);
}

/// <summary>Checks the engine cannot do alone (the host plugs in Quartz's cron parser).</summary>
public sealed record TriggerCompileOptions(Func<string, string?>? CronError = null);
