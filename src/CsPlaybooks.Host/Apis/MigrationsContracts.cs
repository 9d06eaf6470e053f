using CsPlaybooks.Infrastructure.Runtime;

namespace CsPlaybooks.Host.Apis;

/// <summary>POST /api/playbooks/{id}/migrations: which instances move from which version to which, and how their steps map.</summary>
public sealed record MigrationBody(int FromVersion, int? ToVersion, Dictionary<string, string>? StepMap, IReadOnlyList<Guid>? InstanceIds, bool? DryRun);

/// <summary>What a migration did (or, on a dry run, would do) to each instance.</summary>
public sealed record MigrationOutcome(string PlaybookId, int FromVersion, int ToVersion, bool DryRun, int Migratable, int Blocked, int Applied,
    IReadOnlyList<InstanceMigrationReport> Instances);
