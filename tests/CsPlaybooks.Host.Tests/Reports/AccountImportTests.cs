using System.Text;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Reports;

/// <summary>Bulk import: good rows kept, bad rows reported by field and never stored.</summary>
public abstract class AccountImportTests(HostFixture fixture)
{
    private readonly HttpClient _ops = fixture.Host.Client();
    private readonly HttpClient _integration = fixture.Host.Client(TestHost.IntegrationKey);

    [Fact]
    public async Task ImportJson_MixedRows_KeepsGoodReportsBadByField()
    {
        var existing = Samples.NewId("imp");
        await Samples.CreateAccount(_integration, Samples.Account(existing));
        var good = Samples.NewId("imp");
        var badTier = Samples.NewId("imp");
        var badContact = Samples.NewId("imp");
        var updated = Samples.Account(existing, tier: "micro");
        var report = await (await _integration.PostJson("/api/accounts/import", new JsonArray(
            Samples.Account(good),
            new JsonObject { ["id"] = badTier, ["name"] = "Bad tier", ["tier"] = "giant", ["timeZone"] = "Mars/Base" },
            updated,
            new JsonObject { ["name"] = "No id" },
            new JsonObject { ["id"] = badContact, ["name"] = "Bad contact", ["contacts"] = new JsonArray(new JsonObject { ["email"] = "nope", ["role"] = "boss" }) }))).Expect(200);

        Assert.Equal(2, (int)report["imported"]!);
        var rows = report["rows"]!.AsArray();
        Assert.Equal(["created", "rejected", "updated", "rejected", "rejected"], rows.Select(r => (string)r!["status"]!));
        Assert.Equal(2, (int)rows[1]!["row"]!);
        Assert.NotNull(rows[1]!["errors"]!["tier"]);
        Assert.NotNull(rows[1]!["errors"]!["timeZone"]);
        Assert.NotNull(rows[3]!["errors"]!["id"]);
        Assert.NotNull(rows[4]!["errors"]!["contacts[0].email"]);
        Assert.NotNull(rows[4]!["errors"]!["contacts[0].role"]);

        Assert.Equal("KA", (string)(await _ops.GetJson($"/api/accounts/{good}"))["tier"]!);
        Assert.Equal("micro", (string)(await _ops.GetJson($"/api/accounts/{existing}"))["tier"]!);
        await (await _ops.GetAsync($"/api/accounts/{badTier}")).Expect(404);
        await (await _ops.GetAsync($"/api/accounts/{badContact}")).Expect(404);
        var timeline = (await _ops.GetJson($"/api/accounts/{existing}/timeline")).AsArray();
        Assert.Contains(timeline, t => (string)t!["summary"]! == "tier: \"KA\" → \"micro\"" && (string)t["source"]! == "import: test integration");
    }

    [Fact]
    public async Task ImportCsv_DottedHeadersNest_BadRowsChangeNothing()
    {
        var good = Samples.NewId("csv");
        var badDate = Samples.NewId("csv");
        var badStage = Samples.NewId("csv");
        var csv = new StringBuilder()
            .AppendLine("id,name,tier,industry,timeZone,stage,csmId,isNew,contract.start,contract.end,contract.value,contract.currency,contract.edition,contacts")
            .AppendLine($"{good},\"Acme, Inc.\",KA,design,Europe/Berlin,onboarding,csm-1,true,2026-01-01,2027-01-01,24000,EUR,pro,\"[{{\"\"id\"\":\"\"c1\"\",\"\"email\"\":\"\"dana@example.com\"\",\"\"role\"\":\"\"decision-maker\"\"}}]\"")
            .AppendLine($"{badDate},Beta,micro,retail,Europe/Paris,growth,,false,01/01/2026,2027-01-01,1200,EUR,basic,")
            .AppendLine($"{badStage},Gamma,ordinary,retail,UTC,sleeping,,maybe,2026-01-01,2027-01-01,lots,EUR,basic,")
            .ToString();
        var response = await _integration.PostAsync("/api/accounts/import", new StringContent(csv, Encoding.UTF8, "text/csv"));
        var report = await response.Expect(200);

        Assert.Equal(1, (int)report["imported"]!);
        var rows = report["rows"]!.AsArray();
        Assert.Equal("created", (string)rows[0]!["status"]!);
        Assert.Equal("rejected", (string)rows[1]!["status"]!);
        Assert.NotNull(rows[1]!["errors"]!["contract.start"]);
        Assert.Equal("rejected", (string)rows[2]!["status"]!);
        Assert.NotNull(rows[2]!["errors"]!["isNew"]);
        Assert.NotNull(rows[2]!["errors"]!["contract.value"]);

        var account = await _ops.GetJson($"/api/accounts/{good}");
        Assert.Equal("Acme, Inc.", (string)account["name"]!);
        Assert.True((bool)account["isNew"]!);
        Assert.Equal(24000, (int)account["contract"]!["value"]!);
        Assert.Equal("pro", (string)account["contract"]!["edition"]!);
        Assert.Equal("dana@example.com", (string)account["contacts"]![0]!["email"]!);
        await (await _ops.GetAsync($"/api/accounts/{badDate}")).Expect(404);
        await (await _ops.GetAsync($"/api/accounts/{badStage}")).Expect(404);
    }

    [Fact]
    public async Task ImportCsv_UnclosedQuote_Returns400AndStoresNothing()
    {
        var id = Samples.NewId("csv");
        var csv = $"id,name\n{id},\"Acme\n";
        var problem = await (await _integration.PostAsync("/api/accounts/import", new StringContent(csv, Encoding.UTF8, "text/csv"))).Expect(400);
        Assert.Contains("never closed", (string)problem["detail"]!);
        await (await _ops.GetAsync($"/api/accounts/{id}")).Expect(404);
    }

    [Fact]
    public async Task Import_ViewerKey_Forbidden() =>
        await (await fixture.Host.Client(TestHost.ViewerKey).PostJson("/api/accounts/import", new JsonArray())).Expect(403);
}

public sealed class AccountImportTests_Sqlite(SqliteHost f) : AccountImportTests(f), IClassFixture<SqliteHost>;
public sealed class AccountImportTests_Postgres(PostgresHost f) : AccountImportTests(f), IClassFixture<PostgresHost>;
