using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Host.Auth;

/// <summary>
/// Keys ops created (table api_keys), looked up by hash on every request so a revocation takes effect at once on
/// every node. Last use is written at most once a minute per key.
/// </summary>
public sealed class StoredApiKeys(PlaybooksDb db, TimeProvider time)
{
    private static readonly TimeSpan LastUseGrain = TimeSpan.FromMinutes(1);

    public enum Outcome { Valid, Unknown, Revoked, Expired }

    public async Task<(Outcome Outcome, ApiKeyRecord? Key)> FindAsync(string key, CancellationToken ct)
    {
        if (!key.StartsWith(ApiKeyHashing.KeyPrefix, StringComparison.Ordinal)) return (Outcome.Unknown, null);
        var hash = ApiKeyHashing.Hash(key);
        await using var context = db.Create();
        var found = await context.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Hash == hash, ct);
        if (found is null) return (Outcome.Unknown, null);
        if (found.RevokedAt is not null) return (Outcome.Revoked, found);
        var now = time.GetUtcNow();
        if (found.ExpiresAt is { } expires && expires <= now) return (Outcome.Expired, found);
        if (found.LastUsedAt is null || now - found.LastUsedAt.Value >= LastUseGrain)
        {
            var stale = now - LastUseGrain;
            await context.ApiKeys.Where(k => k.Id == found.Id && (k.LastUsedAt == null || k.LastUsedAt <= stale))
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.LastUsedAt, now), ct);
        }
        return (Outcome.Valid, found);
    }
}
