using System.Text.Json.Nodes;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Hosting;

/// <summary>workflows/*.json are published at start: once per content change, idempotent on restart; invalid files stop start-up.</summary>
public sealed class WorkflowFilesTests
{
    [Fact]
    public async Task Start_PublishesChangedFilesOnly_AcrossRestarts()
    {
        var database = TestDatabase.Create(Db.Sqlite);
        var folder = Directory.CreateTempSubdirectory("csplaybooks-wf-").FullName;
        var id = Samples.NewId("file");
        await File.WriteAllTextAsync(Path.Combine(folder, "onboarding.json"), Samples.Onboarding(id).ToJsonString());

        await Versions(database, folder, id, expected: [1]);
        await Versions(database, folder, id, expected: [1]);
        await File.WriteAllTextAsync(Path.Combine(folder, "onboarding.json"), Samples.Onboarding(id, wait: "P2D").ToJsonString());
        var versions = await Versions(database, folder, id, expected: [2, 1]);
        Assert.Equal("loaded from onboarding.json", (string)versions[0]!["note"]!);
    }

    [Fact]
    public async Task Start_InvalidFile_FailsNamingFileAndStep()
    {
        var folder = Directory.CreateTempSubdirectory("csplaybooks-wf-").FullName;
        var definition = Samples.Onboarding(Samples.NewId("file"));
        definition["steps"]![1]!["timeout"] = "a week";
        await File.WriteAllTextAsync(Path.Combine(folder, "broken.json"), definition.ToJsonString());

        await using var host = new TestHost(TestDatabase.Create(Db.Sqlite), workflowsDirectory: folder);
        var error = Assert.ThrowsAny<Exception>(() => host.Server);
        var message = error.ToString();
        Assert.Contains("broken.json", message);
        Assert.Contains("step 'wait-opened'", message);
        Assert.Contains("a week", message);
    }

    private static async Task<JsonArray> Versions(TestDatabase database, string folder, string id, int[] expected)
    {
        await using var host = new TestHost(database, workflowsDirectory: folder);
        var versions = (await host.Client().GetJson($"/api/playbooks/{id}/versions")).AsArray();
        Assert.Equal(expected, versions.Select(v => (int)v!["version"]!));
        return versions;
    }
}
