using CsPlaybooks.Engine.Migration;
using CsPlaybooks.Engine.Runtime;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Runtime;

public sealed record MigrationRequest(string PlaybookId, int FromVersion, int? ToVersion, IReadOnlyDictionary<string, string> StepMap, IReadOnlyList<Guid>? InstanceIds, bool DryRun);

public sealed record InstanceMigrationReport(Guid InstanceId, string AccountId, bool CanMigrate, string? Reason, IReadOnlyList<MigratedPosition> Positions, bool Applied);

public sealed record MigrationReport(string PlaybookId, int FromVersion, int ToVersion, bool DryRun, IReadOnlyList<InstanceMigrationReport> Instances);

/// <summary>Version migration of running instances: a dry run lists where each would land; apply moves them.</summary>
public sealed partial class WorkflowRuntime
{
    public async Task<(MigrationReport? Report, string? Error)> MigrateAsync(MigrationRequest request, CancellationToken ct)
    {
        var from = await catalog.GetAsync(request.PlaybookId, request.FromVersion, ct);
        if (from is null) return (null, $"'{request.PlaybookId}' has no version {request.FromVersion}");
        var to = request.ToVersion is { } v ? await catalog.GetAsync(request.PlaybookId, v, ct) : await catalog.GetLatestAsync(request.PlaybookId, ct);
        if (to is null) return (null, $"'{request.PlaybookId}' has no version {request.ToVersion}");
        if (to.Definition.Version == from.Definition.Version) return (null, "fromVersion and toVersion are the same");
        foreach (var (source, target) in request.StepMap)
        {
            if (!from.Steps.ContainsKey(source)) return (null, $"stepMap: '{source}' is not a step of v{from.Definition.Version}");
            if (!to.Steps.ContainsKey(target)) return (null, $"stepMap: '{target}' is not a step of v{to.Definition.Version}");
        }

        List<Guid> ids;
        await using (var context = db.Create())
        {
            var query = context.Instances.AsNoTracking().Where(i => i.PlaybookId == request.PlaybookId && i.Version == from.Definition.Version
                && (i.Status == "running" || i.Status == "faulted"));
            if (request.InstanceIds is { Count: > 0 } only) query = query.Where(i => only.Contains(i.Id));
            ids = await query.OrderBy(i => i.CreatedAt).Select(i => i.Id).ToListAsync(ct);
        }

        var reports = new List<InstanceMigrationReport>();
        foreach (var id in ids) reports.Add(await MigrateOneAsync(id, from, to, request, ct));
        return (new MigrationReport(request.PlaybookId, from.Definition.Version, to.Definition.Version, request.DryRun, reports), null);
    }

    private Task<InstanceMigrationReport> MigrateOneAsync(Guid id, Engine.Validation.CompiledPlaybook from, Engine.Validation.CompiledPlaybook to, MigrationRequest request, CancellationToken ct) =>
        runner.RunAsync(id, async (scope, token) =>
        {
            if (scope is null) return new InstanceMigrationReport(id, "", false, "the instance no longer exists", [], false);
            var instance = scope.Instance;
            var plan = instance.Version != from.Definition.Version
                ? new MigrationPlan(false, $"the instance is now on v{instance.Version}", [])
                : InstanceMigrator.Plan(from, to, scope.State, request.StepMap);
            if (request.DryRun || !plan.CanMigrate) return new(id, instance.AccountId, plan.CanMigrate, plan.Reason, plan.Positions, false);

            var (next, entry) = InstanceMigrator.Apply(from, to, scope.State, request.StepMap, scope.Now);
            instance.Version = to.Definition.Version;
            await scope.StageAsync(new BurstResult(next, [entry], [], [], []), token);
            var rows = await scope.Context.Bookmarks.Where(b => b.InstanceId == id).ToListAsync(token);
            foreach (var bookmark in next.Bookmarks)
                if (rows.FirstOrDefault(r => r.Id == BurstWriter.BookmarkRowId(id, bookmark.Id)) is { } row)
                {
                    row.StepId = bookmark.StepId;
                    row.EventName = bookmark.EventName;
                }
            return new(id, instance.AccountId, true, null, plan.Positions, true);
        }, () => new(id, "", false, "the instance kept changing; run the migration again", [], false), ct);
}
