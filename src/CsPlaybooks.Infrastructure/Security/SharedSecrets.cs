using System.Collections.Concurrent;
using System.Security.Cryptography;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Security;

/// <summary>
/// Secrets every node of a cluster must agree on (the unsubscribe link key, the webhook signing key), kept in the
/// <c>secrets</c> table. The first node that needs one generates it and inserts it only if absent, then every node
/// reads back what the table holds — so two nodes starting together end up with the same value.
/// </summary>
public sealed class SharedSecrets(PlaybooksDb db, TimeProvider time)
{
    public const string UnsubscribeKey = "unsubscribe-signing-key";
    public const string WebhookKey = "webhook-signing-key";

    private readonly ConcurrentDictionary<string, string> _loaded = new();

    /// <summary>Loads (creating where absent) every shared secret; runs at start-up, after the migrations.</summary>
    public async Task LoadAsync(CancellationToken ct)
    {
        foreach (var name in (string[])[UnsubscribeKey, WebhookKey])
            _loaded[name] = await GetOrCreateAsync(name, ct);
    }

    /// <summary>A secret loaded at start-up.</summary>
    public string Get(string name) => _loaded.TryGetValue(name, out var value) ? value
        : throw new InvalidOperationException($"the shared secret '{name}' is not loaded yet: start-up has not finished");

    /// <summary>The stored value of <paramref name="name"/>; inserts 32 random bytes (hex) first if there is none.</summary>
    public async Task<string> GetOrCreateAsync(string name, CancellationToken ct)
    {
        if (await ReadAsync(name, ct) is { } existing) return existing;
        try
        {
            await using var context = db.Create();
            context.Secrets.Add(new HostSecretRecord
            {
                Name = name, Value = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)), CreatedAt = time.GetUtcNow(),
            });
            await context.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Another node inserted it first: its value wins, read below.
        }
        return await ReadAsync(name, ct) ?? throw new InvalidOperationException($"the shared secret '{name}' could not be stored");
    }

    private async Task<string?> ReadAsync(string name, CancellationToken ct)
    {
        await using var context = db.Create();
        return await context.Secrets.AsNoTracking().Where(s => s.Name == name).Select(s => s.Value).FirstOrDefaultAsync(ct);
    }
}
