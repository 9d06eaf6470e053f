using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Success.Accounts;
using Microsoft.EntityFrameworkCore;

namespace CsPlaybooks.Infrastructure.Accounts;

/// <summary>The account side of CSM assignment: who owns which account (the account JSON's <c>csmId</c>).</summary>
public sealed partial class AccountStore
{
    /// <summary>
    /// Accounts per CSM id. Reads the account documents (csmId lives in the JSON), skipping those that mention no csmId.
    /// Fine for thousands of accounts; a csm_id column is the next step if books grow much larger.
    /// </summary>
    public async Task<Dictionary<string, List<string>>> AccountsByCsmAsync(PlaybooksDbContext context, CancellationToken ct)
    {
        var rows = await context.Accounts.AsNoTracking().Where(a => a.Json.Contains("\"csmId\""))
            .Select(a => new { a.Id, a.Json }).ToListAsync(ct);
        var result = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            if (JsonNode.Parse(row.Json)?["csmId"] is JsonValue v && v.TryGetValue<string>(out var csmId) && csmId.Length > 0)
                (result.TryGetValue(csmId, out var list) ? list : result[csmId] = []).Add(row.Id);
        }
        return result;
    }

    /// <summary>Sets the account's <c>csmId</c> and the <c>csm</c> object templates see ({ id, name, email }); null clears both. Staged, not saved.</summary>
    public static async Task<AccountDocument?> StageCsmAsync(PlaybooksDbContext context, string accountId, JsonObject? csm, DateTimeOffset now, CancellationToken ct)
    {
        var record = await context.Accounts.FirstOrDefaultAsync(a => a.Id == accountId, ct);
        if (record is null) return null;
        var json = JsonNode.Parse(record.Json)!.AsObject();
        json["csmId"] = csm is null ? null : (string?)csm["id"];
        json["csm"] = csm?.DeepClone();
        record.Json = json.ToJsonString();
        record.UpdatedAt = now;
        return AccountDocument.FromStored(accountId, record.Json);
    }
}
