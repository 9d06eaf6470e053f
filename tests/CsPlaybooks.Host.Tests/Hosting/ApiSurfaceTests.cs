using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Playbooks;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Hosting;

/// <summary>Keys and roles, OpenAPI and docs, health, the published JSON Schema.</summary>
public sealed class ApiSurfaceTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Fact]
    public async Task NoKey_Returns401ProblemSayingWhereTheKeyIs()
    {
        var problem = await (await fixture.Host.CreateClient().GetAsync("/api/playbooks")).Expect(401);
        Assert.Contains("X-Api-Key", (string)problem["detail"]!);
        await (await fixture.Host.Client("wrong-key").GetAsync("/api/playbooks")).Expect(401);
    }

    [Theory]
    [InlineData(TestHost.ViewerKey, 403)]
    [InlineData(TestHost.CsmKey, 403)]
    [InlineData(TestHost.IntegrationKey, 403)]
    [InlineData(TestHost.OpsKey, 201)]
    public async Task CreatePlaybook_OnlyOps(string key, int status) =>
        await (await fixture.Host.Client(key).PostJson("/api/playbooks", Samples.Onboarding(Samples.NewId("auth")))).Expect(status);

    [Theory]
    [InlineData(TestHost.ViewerKey, 403)]
    [InlineData(TestHost.IntegrationKey, 201)]
    public async Task PutAccount_IntegrationOrOps(string key, int status)
    {
        var id = Samples.NewId("acct");
        await (await fixture.Host.Client(key).PutJson($"/api/accounts/{id}", Samples.Account(id))).Expect(status);
    }

    [Theory]
    [InlineData(TestHost.ViewerKey)]
    [InlineData(TestHost.CsmKey)]
    public async Task ReadEndpoints_AnyRole(string key)
    {
        await (await fixture.Host.Client(key).GetAsync("/api/playbooks")).Expect(200);
        await (await fixture.Host.Client(key).GetAsync("/api/instances")).Expect(200);
    }

    [Fact]
    public async Task OpenApi_DescribesEndpoints_AndDocsUiIsServed()
    {
        var client = fixture.Host.CreateClient();
        var doc = await (await client.GetAsync("/openapi/v1.json")).Expect(200);
        var paths = doc["paths"]!.AsObject();
        foreach (var path in new[] { "/api/playbooks", "/api/playbooks/{id}/publish", "/api/playbooks/{id}/simulate", "/api/playbooks/{id}/migrations", "/api/events", "/api/instances/{id}/retry" })
            Assert.True(paths.ContainsKey(path), $"OpenAPI lacks {path}");
        Assert.NotNull(doc["components"]!["securitySchemes"]!["ApiKey"]);
        var ui = await client.GetAsync("/api/docs");
        Assert.Equal(200, (int)ui.StatusCode);
        Assert.Contains("html", (await ui.Content.ReadAsStringAsync()).ToLowerInvariant());
    }

    [Fact]
    public async Task Health_LiveAndReady()
    {
        var client = fixture.Host.CreateClient();
        Assert.Equal("Healthy", await (await client.GetAsync("/health/live")).Content.ReadAsStringAsync());
        Assert.Equal("Healthy", await (await client.GetAsync("/health/ready")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Schema_ListsEveryStepTypeWithItsSettings()
    {
        var schema = await (await fixture.Host.CreateClient().GetAsync("/api/schema/playbook")).Expect(200);
        var steps = schema["properties"]!["steps"]!["items"]!["oneOf"]!.AsArray().Select(s => (string)s!["title"]!).ToList();
        foreach (var type in new[] { "wait", "waitUntil", "waitForEvent", "branch", "switch", "startPlaybook", "end", "setVariable" })
            Assert.Contains(type, steps);
        var wait = schema["properties"]!["steps"]!["items"]!["oneOf"]!.AsArray().Single(s => (string)s!["title"]! == "wait")!;
        Assert.Contains("duration", wait["required"]!.AsArray().Select(r => (string)r!));
    }

    /// <summary>
    /// The palette publishes each type's outcomes as the engine declares them, and the designer's unit tests use the same
    /// rules (designer/test/fixtures/outcome-rules.json): every type the fixture lists, and every type with outcomes
    /// other than done, must match the host.
    /// </summary>
    [Fact]
    public async Task StepTypes_PublishOutcomeRules_TheDesignersFixtureMatchesThem()
    {
        var types = (await fixture.Host.Client().GetJson("/api/step-types"))["steps"]!.AsArray()
            .ToDictionary(t => (string)t!["type"]!, t => t!["outcomes"]!);
        Assert.Equal("""{"fixed":["default"],"perItemOf":"cases","whenSet":[]}""", types["switch"].ToJsonString());
        Assert.Equal("""{"fixed":["received"],"whenSet":[{"setting":"timeout","outcome":"timeout"}]}""", types["waitForEvent"].ToJsonString());
        Assert.Equal("""{"fixed":["done"],"whenSet":[]}""", types["wait"].ToJsonString());

        var path = Path.Combine(ShippedPlaybooksHost.RepositoryRoot(), "designer", "test", "fixtures", "outcome-rules.json");
        var rules = JsonNode.Parse(await File.ReadAllTextAsync(path))!["rules"]!.AsObject();
        foreach (var (type, rule) in rules) Assert.True(JsonNode.DeepEquals(types[type], rule), $"{type}: host {types[type].ToJsonString()}, fixture {rule!.ToJsonString()}");
        var notDone = types.Where(t => t.Value.ToJsonString() != """{"fixed":["done"],"whenSet":[]}""").Select(t => t.Key);
        Assert.Empty(notDone.Except(rules.Select(r => r.Key)));
    }
}
