namespace CsPlaybooks.Engine.Definitions;

/// <summary>A problem in a definition, located by step id (or null for the playbook itself) and field.</summary>
public sealed record DefinitionError(string? StepId, string? Field, string Message)
{
    public override string ToString() =>
        (StepId is null ? "" : $"step '{StepId}'") + (Field is null ? "" : (StepId is null ? "" : ", ") + $"field '{Field}'")
        + (StepId is null && Field is null ? "" : ": ") + Message;
}
