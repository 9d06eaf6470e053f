using System.Collections.Concurrent;
using CsPlaybooks.Engine.Validation;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Playbooks;

/// <summary>Compiled published versions, cached forever (a published version never changes).</summary>
public sealed class PlaybookCatalog(PlaybooksDb db, PlaybookCompiler compiler)
{
    private readonly ConcurrentDictionary<(string, int), CompiledPlaybook> _cache = new();

    public PlaybookCompiler Compiler => compiler;

    public async Task<CompiledPlaybook?> GetAsync(string playbookId, int version, CancellationToken ct)
    {
        if (_cache.TryGetValue((playbookId, version), out var cached)) return cached;
        await using var context = db.Create();
        var json = await context.PlaybookVersions.AsNoTracking()
            .Where(v => v.PlaybookId == playbookId && v.Version == version).Select(v => v.Json).FirstOrDefaultAsync(ct);
        if (json is null) return null;
        var result = compiler.Compile(json);
        var compiled = result.Playbook ?? throw new InvalidOperationException(
            $"published version {playbookId} v{version} no longer compiles: {string.Join("; ", result.Errors)}");
        return _cache.GetOrAdd((playbookId, version), compiled);
    }

    public CompiledPlaybook Get(string playbookId, int version) =>
        GetAsync(playbookId, version, CancellationToken.None).GetAwaiter().GetResult()
        ?? throw new InvalidOperationException($"playbook {playbookId} v{version} does not exist");

    /// <summary>The latest published version, or null when the playbook is unknown or has never been published.</summary>
    public async Task<CompiledPlaybook?> GetLatestAsync(string playbookId, CancellationToken ct)
    {
        await using var context = db.Create();
        var latest = await context.Playbooks.AsNoTracking().Where(p => p.Id == playbookId).Select(p => (int?)p.LatestVersion).FirstOrDefaultAsync(ct);
        return latest is > 0 ? await GetAsync(playbookId, latest.Value, ct) : null;
    }
}
