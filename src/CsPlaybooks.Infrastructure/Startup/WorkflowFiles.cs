using CsPlaybooks.Engine.Definitions;
using CsPlaybooks.Infrastructure.Playbooks;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Infrastructure.Startup;

public sealed class WorkflowFilesOptions
{
    /// <summary>Folder of *.json playbooks loaded at start. Default: ./workflows.</summary>
    public string Directory { get; set; } = "workflows";
}

/// <summary>
/// Publishes every workflows/*.json whose content differs from its playbook's latest version (idempotent on restart).
/// An invalid file stops start-up with a message naming the file and step.
/// </summary>
public sealed class WorkflowFiles(PlaybookService playbooks, ILogger<WorkflowFiles> log)
{
    public async Task LoadAsync(string directory, CancellationToken ct)
    {
        if (!Directory.Exists(directory))
        {
            log.LogInformation("no workflow folder at {Directory}; no playbooks loaded from files", Path.GetFullPath(directory));
            return;
        }
        var problems = new List<string>();
        var valid = new List<(string File, PlaybookDefinition Definition)>();
        foreach (var file in Directory.GetFiles(directory, "*.json").Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(file);
            var result = playbooks.Validate(await File.ReadAllTextAsync(file, ct));
            if (result.IsValid) valid.Add((name, result.Playbook!.Definition));
            else problems.AddRange(result.Errors.Select(e => $"{Path.Combine(directory, name)}: {e}"));
        }
        foreach (var dup in valid.GroupBy(v => v.Definition.Id).Where(g => g.Count() > 1))
            problems.Add($"{string.Join(" and ", dup.Select(d => d.File))} both define playbook '{dup.Key}'");
        if (problems.Count > 0)
            throw new InvalidOperationException($"workflow files are invalid; fix them and start again:{Environment.NewLine}  " + string.Join(Environment.NewLine + "  ", problems));
        foreach (var (file, definition) in valid)
        {
            var result = await playbooks.PublishDefinitionAsync(definition, $"loaded from {file}", ct);
            log.LogInformation("{File}: playbook {Id} at v{Version}", file, definition.Id, result.Version);
        }
    }
}
