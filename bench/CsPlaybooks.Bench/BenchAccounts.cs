using System.Text.Json.Nodes;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Persistence.Entities;
using CsPlaybooks.Success.Accounts;

namespace CsPlaybooks.Bench;

/// <summary>Setup (not measured): accounts <c>acc-000001</c>… bulk-inserted straight into the table, 1,000 per transaction.</summary>
public static class BenchAccounts
{
    public static string Id(int i) => $"acc-{i:D6}";

    /// <param name="document">the document of account i (1-based), without its id</param>
    public static async Task InsertAsync(PlaybooksDb db, int n, Func<int, JsonObject> document)
    {
        var now = DateTimeOffset.UtcNow;
        for (var from = 1; from <= n; from += 1000)
        {
            await using var context = db.Create();
            context.ChangeTracker.AutoDetectChangesEnabled = false;
            for (var i = from; i < from + 1000 && i <= n; i++)
            {
                var (account, errors) = AccountDocument.Read(Id(i), document(i));
                if (account is null) throw new InvalidOperationException(string.Join("; ", errors));
                var record = new AccountRecord { Id = Id(i), Name = account.Name, Json = account.Json.ToJsonString(), CreatedAt = now, UpdatedAt = now };
                CsPlaybooks.Infrastructure.Accounts.AccountColumns.Copy(account.Json, record);
                context.Accounts.Add(record);
            }
            await context.SaveChangesAsync();
        }
    }
}
