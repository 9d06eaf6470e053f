namespace CsPlaybooks.Host.Tests.Deployment;

/// <summary>docker-compose.yml as Debian's docker-compose reads it (no Docker engine runs here: the file is checked, not run).</summary>
public sealed class DockerComposeTests
{
    private static readonly Dictionary<string, string> Keys = new() { ["CSPLAYBOOKS_OPS_KEY"] = "compose-check-key" };

    [Theory]
    [InlineData]
    [InlineData("--profile", "sqlserver")]
    public async Task Config_EachProfile_Valid(params string[] profile)
    {
        var check = await Compose([.. profile, "config", "-q"], Keys);
        Assert.True(check.ExitCode == 0, check.Output);
    }

    /// <summary>docker-compose 1.29 lists every service whatever the profile; the profile is on the service.</summary>
    [Fact]
    public async Task Config_SqlServerServices_OnlyInTheirProfile()
    {
        var listed = await Compose(["config", "--services"], Keys);
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(["host-1", "host-2", "host-sqlserver", "postgres", "sqlserver"], listed.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order());
        var config = (await Compose(["config"], Keys)).Output;
        Assert.Equal(2, Count(config, "profiles:\n    - sqlserver"));
        Assert.Equal(1, Count(config, "    image: postgres:15"));
    }

    [Fact]
    public async Task Config_TwoReplicas_OnePostgresSameImageOwnPorts()
    {
        var config = await Compose(["config"], Keys);
        Assert.Equal(0, config.ExitCode);
        var text = config.Output;
        Assert.Equal(2, Count(text, "Database__ConnectionString: Host=postgres;"));
        Assert.Contains("published: 8080", text.Replace("\"", ""));
        Assert.Contains("published: 8082", text.Replace("\"", ""));
        Assert.DoesNotContain("wget", text);
    }

    [Fact]
    public async Task Config_WithoutTheOpsKey_Refused()
    {
        var check = await Compose(["config", "-q"], new Dictionary<string, string> { ["CSPLAYBOOKS_OPS_KEY"] = "" });
        Assert.NotEqual(0, check.ExitCode);
        Assert.Contains("CSPLAYBOOKS_OPS_KEY", check.Output);
    }

    private static Task<Command.Result> Compose(string[] args, IReadOnlyDictionary<string, string> environment) =>
        Command.RunAsync("docker-compose", ["-f", "docker-compose.yml", .. args], Command.RepositoryRoot(), environment);

    private static int Count(string text, string part) => text.Split(part).Length - 1;
}
