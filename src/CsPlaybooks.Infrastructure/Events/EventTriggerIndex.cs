using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Events;

/// <summary>
/// Which playbooks an event starts: the latest published versions with an event trigger, by event name. Cached per
/// published version: the cache is keyed by the number of published versions (versions are immutable and only ever
/// added, so every publish — on any node sharing the database — changes it). Checking costs one count instead of the
/// join, and nothing at all is joined while no playbook's trigger changed.
/// </summary>
public sealed class EventTriggerIndex(PlaybooksDb db)
{
    private volatile Snapshot? _current;

    public async Task<ILookup<string, (string PlaybookId, int Version)>> GetAsync(CancellationToken ct)
    {
        await using var context = db.Create();
        return await GetAsync(context, ct);
    }

    /// <summary>The index, checked on the caller's context (one query more on a connection it holds anyway).</summary>
    public async Task<ILookup<string, (string PlaybookId, int Version)>> GetAsync(PlaybooksDbContext context, CancellationToken ct)
    {
        // Read the key before the index: a publish landing in between makes the next call reload.
        return await GetAsync(context, await context.PlaybookVersions.CountAsync(ct), ct);
    }

    /// <summary>The index for <paramref name="versions"/> published versions, a count the caller read with its own queries (before this call).</summary>
    public async Task<ILookup<string, (string PlaybookId, int Version)>> GetAsync(PlaybooksDbContext context, int versions, CancellationToken ct)
    {
        if (_current is { } cached && cached.Versions == versions) return cached.ByEvent;
        var rows = await context.PlaybookVersions.AsNoTracking()
            .Where(v => v.TriggerType == "event" && v.TriggerEvent != null)
            .Join(context.Playbooks, v => new { Id = v.PlaybookId, V = v.Version }, p => new { p.Id, V = p.LatestVersion }, (v, p) => new { v.PlaybookId, v.Version, v.TriggerEvent })
            .ToListAsync(ct);
        var snapshot = new Snapshot(versions, rows.ToLookup(r => r.TriggerEvent!, r => (r.PlaybookId, r.Version)));
        _current = snapshot;
        return snapshot.ByEvent;
    }

    private sealed record Snapshot(int Versions, ILookup<string, (string PlaybookId, int Version)> ByEvent);
}
