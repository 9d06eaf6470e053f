using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Accounts;

/// <summary>AccountWriter.CreateManyAsync: many new accounts in one transaction, stored by the writer's rules; existing ones left alone.</summary>
public abstract class AccountBatchCreateTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);

    [Fact]
    public async Task CreateMany_StoresColumnsAndHistory_LeavesExistingAccountsAsTheyAre()
    {
        var existing = Samples.NewId("batch");
        await Samples.CreateAccount(_integration, Samples.Account(existing));
        var before = await _ops.GetJson($"/api/accounts/{existing}");
        var prefix = Samples.NewId("batch");
        var ids = Enumerable.Range(1, 3).Select(i => $"{prefix}-{i}").ToList();
        var documents = ids.Select((id, i) => (id, new JsonObject
        {
            ["id"] = id, ["name"] = $"Batch {i}", ["tier"] = "KA", ["industry"] = prefix, ["tags"] = new JsonArray("batch"),
        })).Append((existing, new JsonObject { ["id"] = existing, ["name"] = "Overwritten?" })).ToList();

        var skipped = await fixture.Host.Services.GetRequiredService<AccountWriter>().CreateManyAsync(documents, "test batch", CancellationToken.None);

        Assert.Equal([existing], skipped);
        Assert.True(JsonNode.DeepEquals(before, await _ops.GetJson($"/api/accounts/{existing}")));
        var listed = await _ops.GetJson($"/api/accounts?industry={prefix}&tier=KA&tag=batch&sort=id");
        Assert.Equal(ids, listed["items"]!.AsArray().Select(a => (string)a!["id"]!));
        var history = (await _ops.GetJson($"/api/accounts/{ids[0]}/timeline")).AsArray();
        Assert.Contains(history, h => ((string)h!["summary"]!).StartsWith("name:") && (string)h["source"]! == "test batch" && (string?)h["detail"] == "account created");
    }
}

public sealed class AccountBatchCreateTests_Sqlite(SqliteHost f) : AccountBatchCreateTests(f), IClassFixture<SqliteHost>;
public sealed class AccountBatchCreateTests_Postgres(PostgresHost f) : AccountBatchCreateTests(f), IClassFixture<PostgresHost>;
