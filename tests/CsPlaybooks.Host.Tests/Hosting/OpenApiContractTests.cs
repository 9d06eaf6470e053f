using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Playbooks;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Hosting;

/// <summary>
/// The OpenAPI document is the contract the designer's API client is generated from (docs/api.md "The contract"):
/// the host's <c>/openapi/v1.json</c> must equal the committed snapshot <c>designer/openapi/v1.json</c>, every
/// <c>/api</c> operation declares its success body, and every operation that reads a JSON body declares it.
/// After a deliberate change of the API: <c>UPDATE_OPENAPI=1 dotnet test tests/CsPlaybooks.Host.Tests --filter OpenApiContract</c>,
/// then <c>cd designer &amp;&amp; npm run gen:api</c>.
/// </summary>
public sealed class OpenApiContractTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    private const string Regenerate = "UPDATE_OPENAPI=1 dotnet test tests/CsPlaybooks.Host.Tests --filter OpenApiContract, then cd designer && npm run gen:api";
    private static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Operations whose success answer has no JSON body: no content, accepted without a body, or a redirect.</summary>
    private static readonly HashSet<string> NoJsonSuccessBody =
    [
        "DELETE /api/accounts/{id}", "DELETE /api/csms/{id}", "DELETE /api/keys/{id}",
        "POST /api/auth/logout", "POST /api/auth/password", "POST /api/auth/password-reset", "POST /api/auth/password-reset/complete",
        "GET /api/auth/external/{provider}",
    ];

    private async Task<JsonNode> HostDocument()
    {
        var doc = await (await fixture.Host.CreateClient().GetAsync("/openapi/v1.json")).Expect(200);
        doc.AsObject().Remove("servers"); // the test server's address, not part of the contract
        return doc;
    }

    [Fact]
    public async Task HostDocument_EqualsTheCommittedSnapshot()
    {
        var actual = (await HostDocument()).ToJsonString(Pretty).ReplaceLineEndings("\n") + "\n";
        var path = Path.Combine(ShippedPlaybooksHost.RepositoryRoot(), "designer", "openapi", "v1.json");
        if (Environment.GetEnvironmentVariable("UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, actual);
            return;
        }
        Assert.True(File.Exists(path), $"no OpenAPI snapshot {path}; write it with {Regenerate}");
        var expected = (await File.ReadAllTextAsync(path)).ReplaceLineEndings("\n");
        if (expected == actual) return;
        var actualPath = Path.Combine(Path.GetTempPath(), "openapi-v1.actual.json");
        await File.WriteAllTextAsync(actualPath, actual);
        Assert.Fail($"The host's OpenAPI document no longer matches the committed snapshot (designer/openapi/v1.json).\n"
            + $"Review: diff -u {path} {actualPath}\nIf the API change is intended: {Regenerate}");
    }

    [Fact]
    public async Task EveryApiOperation_DeclaresItsSuccessBody()
    {
        var missing = Operations(await HostDocument())
            .Where(o => !NoJsonSuccessBody.Contains(o.Name))
            .Where(o => !o.Responses.Any(r => r.Key.StartsWith('2') && JsonSchemas(r.Value?["content"]).Any()))
            .Select(o => o.Name).ToList();
        Assert.True(missing.Count == 0, $"operations without a 2xx JSON response schema: {string.Join(", ", missing)}");
        var names = Operations(await HostDocument()).Select(o => o.Name).ToHashSet();
        var stale = NoJsonSuccessBody.Concat(WithoutBody).Where(n => !names.Contains(n)).ToList();
        Assert.True(stale.Count == 0, $"listed here but not in the document (remove them from the list): {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task EveryOperationWithAJsonBody_DeclaresIt()
    {
        var doc = await HostDocument();
        var reading = BodyReadingOperations(doc).ToList();
        Assert.NotEmpty(reading);
        var undeclared = Operations(doc).Where(o => reading.Contains(o.Name))
            .Where(o => !JsonSchemas(o.Operation["requestBody"]?["content"]).Any())
            .Select(o => o.Name).ToList();
        Assert.True(undeclared.Count == 0, $"operations that read a body without declaring it: {string.Join(", ", undeclared)}");
    }

    /// <summary>POST, PUT and PATCH operations read a body, except the ones that act on the path alone.</summary>
    private static IEnumerable<string> BodyReadingOperations(JsonNode doc) =>
        Operations(doc).Select(o => o.Name).Where(n => n.StartsWith("POST ") || n.StartsWith("PUT ") || n.StartsWith("PATCH ")).Except(WithoutBody);

    /// <summary>The schemas of a content map's JSON media types (application/json, application/schema+json, …).</summary>
    private static IEnumerable<JsonNode> JsonSchemas(JsonNode? content) =>
        content is JsonObject media ? media.Where(m => m.Key.EndsWith("json", StringComparison.Ordinal) && m.Value?["schema"] is not null).Select(m => m.Value!["schema"]!) : [];

    /// <summary>Unsafe operations that take no body: the path says everything.</summary>
    private static readonly HashSet<string> WithoutBody =
    [
        "POST /api/auth/logout", "POST /api/demo", "POST /api/instances/{id}/retry", "POST /api/playbooks/{id}/versions/{version}/revert",
        "POST /api/triggers/sweep",
    ];

    private static IEnumerable<(string Name, JsonObject Operation, JsonObject Responses)> Operations(JsonNode doc) =>
        from path in doc["paths"]!.AsObject()
        where path.Key.StartsWith("/api/")
        from op in path.Value!.AsObject()
        where op.Key is "get" or "post" or "put" or "patch" or "delete"
        select ($"{op.Key.ToUpperInvariant()} {path.Key}", op.Value!.AsObject(), op.Value!["responses"]?.AsObject() ?? []);
}
