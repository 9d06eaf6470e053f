using System.Text.Json.Nodes;
using CsPlaybooks.Cli;
using CsPlaybooks.Host.Tests.Playbooks;
using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Cli;

/// <summary>The csplaybooks tool: validate and simulate offline on the shipped workflows; publish and forecast against a real host.</summary>
public sealed class CliTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    private static readonly string Workflows = Path.Combine(ShippedPlaybooksHost.RepositoryRoot(), "workflows");

    private static async Task<(int Code, string Output, string Error)> Run(HttpClient? http, params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await CliApp.RunAsync(args, output, error, http, CancellationToken.None);
        return (code, output.ToString(), error.ToString());
    }

    private static string[] Shipped => Directory.GetFiles(Workflows, "*.json").Order().ToArray();

    [Fact]
    public async Task Validate_ShippedWorkflows_AllValid()
    {
        var (code, output, error) = await Run(null, ["validate", .. Shipped]);
        Assert.Equal(0, code);
        Assert.Equal("", error);
        Assert.Equal(5, output.Split('\n').Count(l => l.Contains(": ok (")));
    }

    [Fact]
    public async Task Validate_BadDuration_ReportsFileStepAndField_ExitsOne()
    {
        var dir = Directory.CreateTempSubdirectory("csplaybooks-cli-").FullName;
        var file = Path.Combine(dir, "novice-start.json");
        var definition = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(Workflows, "novice-start.json")))!;
        definition["steps"]!.AsArray().First(s => (string)s!["id"]! == "nudge-wait")!["duration"] = "two weeks";
        await File.WriteAllTextAsync(file, definition.ToJsonString());

        var (code, _, error) = await Run(null, "validate", file);
        Assert.Equal(1, code);
        Assert.Contains($"{file}: step 'nudge-wait' duration: \"two weeks\" is not an ISO-8601 duration", error);
        Assert.Equal(2, (await Run(null, "validate")).Code);
    }

    [Fact]
    public async Task Simulate_ShippedWorkflowsOffline_HandoverStartsNoviceStart()
    {
        var (code, output, _) = await Run(null, ["simulate", .. Shipped, "--start", "2026-03-02T08:00:00Z", "--until", "2026-04-01T00:00:00Z",
            "--tier", "micro", "--event", "account.signed@2026-03-02T08:00:00Z"]);
        Assert.Equal(0, code);
        Assert.Contains("2026-03-02 08:00Z  novice-start           trigger.enrolled", output);
        Assert.Contains("handover               email.sent           intro", output);
        Assert.Contains("enrolments: growth-monthly-report 0, handover 1, novice-start 1, pre-renewal 0, win-back 0", output);
    }

    [Fact]
    public async Task Publish_ToHost_PublishesEachFile_ThenForecastPrintsTheSummary()
    {
        var id = Samples.NewId("cli");
        var dir = Directory.CreateTempSubdirectory("csplaybooks-cli-").FullName;
        var file = Path.Combine(dir, $"{id}.json");
        await File.WriteAllTextAsync(file, Samples.Onboarding(id).ToJsonString());
        var http = fixture.Host.CreateClient();

        var (code, output, error) = await Run(http, "publish", file, "--host", "http://localhost", "--api-key", TestHost.OpsKey);
        Assert.True(code == 0, error);
        Assert.Contains($"published {id} v1", output);
        Assert.Equal(1, (int)(await fixture.Host.Client().GetJson($"/api/playbooks/{id}"))["latestVersion"]!);

        var forecast = await Run(http, "forecast", id, "--host", "http://localhost", "--api-key", TestHost.OpsKey, "--weeks", "2");
        Assert.True(forecast.Code == 0, forecast.Error);
        Assert.Contains("emails and", forecast.Output);

        var refused = await Run(http, "publish", file, "--host", "http://localhost", "--api-key", "wrong-key");
        Assert.Equal(1, refused.Code);
        Assert.Contains("401", refused.Error);
    }
}
