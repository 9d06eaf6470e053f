namespace CsPlaybooks.Host.Tests.Deployment;

/// <summary>
/// What the image must do, read from the Dockerfile (no Docker engine and no hadolint package here): it passes the
/// Docker language service's validator (dockerfile-utils, installed by test.sh in tools/dockerfile-lint), the designer is
/// built in a Node stage, the SDK stage runs no npm, the runtime runs as a non-root user and checks itself with --probe.
/// </summary>
public sealed class DockerfileTests
{
    private static readonly List<(string From, List<string> Lines)> Stages = ReadStages();

    [Fact]
    public async Task Dockerfile_PassesTheLinter()
    {
        var lint = await LintAsync(Path.Combine(Command.RepositoryRoot(), "Dockerfile"));
        Assert.True(lint.ExitCode == 0, lint.Output);
    }

    [Fact]
    public async Task Linter_RefusesABrokenDockerfile_NamingTheLine()
    {
        var broken = Path.Combine(Directory.CreateTempSubdirectory("csplaybooks-dockerfile-").FullName, "Dockerfile");
        var text = File.ReadAllText(Path.Combine(Command.RepositoryRoot(), "Dockerfile"))
            .Replace("HEALTHCHECK --interval=10s", "HEALTHCHECK --interval=ten", StringComparison.Ordinal);
        File.WriteAllText(broken, text + "\nEXPOSE http\n");

        var lint = await LintAsync(broken);

        Assert.Equal(1, lint.ExitCode);
        Assert.Contains("invalid duration ten", lint.Output);
        Assert.Contains("Invalid containerPort: http", lint.Output);
    }

    private static Task<Command.Result> LintAsync(string dockerfile)
    {
        var root = Command.RepositoryRoot();
        var linter = Path.Combine(root, "tools", "dockerfile-lint", "node_modules", ".bin", "dockerfile-utils");
        Assert.True(File.Exists(linter), $"{linter} is missing: run `npm ci` in tools/dockerfile-lint (test.sh does)");
        return Command.RunAsync(linter, ["lint", dockerfile], root);
    }

    [Fact]
    public void Dockerfile_DesignerBuiltInANodeStage_SdkStageRunsNoNpm()
    {
        var node = Assert.Single(Stages, s => s.From.StartsWith("node:", StringComparison.Ordinal));
        Assert.Contains(node.Lines, l => l == "RUN npm ci --no-audit --no-fund");
        Assert.Contains(node.Lines, l => l == "RUN npm run build");
        var sdk = Assert.Single(Stages, s => s.From.StartsWith("mcr.microsoft.com/dotnet/sdk:", StringComparison.Ordinal));
        Assert.DoesNotContain(sdk.Lines, l => l.Contains("npm", StringComparison.Ordinal));
        Assert.Contains(sdk.Lines, l => l.StartsWith("COPY --from=designer ", StringComparison.Ordinal) && l.EndsWith(" src/CsPlaybooks.Host/wwwroot", StringComparison.Ordinal));
        Assert.Contains(sdk.Lines, l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal) && l.Contains("-p:SkipDesignerBuild=true", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_PublishesReadyToRun_ForTheArchitectureItRestoredFor()
    {
        var sdk = Assert.Single(Stages, s => s.From.StartsWith("mcr.microsoft.com/dotnet/sdk:", StringComparison.Ordinal)).Lines;
        var restore = Assert.Single(sdk, l => l.StartsWith("RUN dotnet restore ", StringComparison.Ordinal));
        var publish = Assert.Single(sdk, l => l.StartsWith("RUN dotnet publish ", StringComparison.Ordinal));
        Assert.Contains("-p:PublishReadyToRun=true", publish);
        Assert.Contains("--no-restore", publish);
        // publishing without a restore needs the restore's architecture, or the assets have no runtime's target
        Assert.Contains("-a \"$TARGETARCH\"", restore);
        Assert.Contains("-a \"$TARGETARCH\"", publish);
        Assert.Contains(sdk, l => l.StartsWith("ARG TARGETARCH", StringComparison.Ordinal));
    }

    [Fact]
    public void Dockerfile_Runtime_NonRootWithSelfProbe()
    {
        var (from, lines) = Stages[^1];
        Assert.StartsWith("mcr.microsoft.com/dotnet/aspnet:", from);
        var user = Assert.Single(lines, l => l.StartsWith("USER ", StringComparison.Ordinal));
        Assert.DoesNotContain(user[5..].Trim(), new[] { "root", "0", "0:0" });
        Assert.True(lines.IndexOf(user) < lines.FindIndex(l => l.StartsWith("ENTRYPOINT", StringComparison.Ordinal)), "USER comes before the entry point");
        var health = Assert.Single(lines, l => l.StartsWith("HEALTHCHECK ", StringComparison.Ordinal));
        Assert.EndsWith("CMD [\"dotnet\", \"CsPlaybooks.Host.dll\", \"--probe\"]", health);
    }

    [Fact]
    public void DockerIgnore_KeepsBuildOutputPackagesAndDataOut()
    {
        var ignored = File.ReadAllLines(Path.Combine(Command.RepositoryRoot(), ".dockerignore")).Select(l => l.Trim()).ToHashSet();
        Assert.Superset(new HashSet<string> { "**/bin", "**/obj", "**/node_modules", "data", "src/CsPlaybooks.Host/wwwroot", ".git" }, ignored);
    }

    /// <summary>Each stage's instructions, one line each (a line ending in a backslash continues on the next).</summary>
    private static List<(string From, List<string> Lines)> ReadStages()
    {
        var stages = new List<(string, List<string>)>();
        var pending = "";
        foreach (var raw in File.ReadAllLines(Path.Combine(Command.RepositoryRoot(), "Dockerfile")))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1];
                continue;
            }
            (line, pending) = (pending + line, "");
            if (line.StartsWith("FROM ", StringComparison.Ordinal)) stages.Add((line.Split(' ')[1], []));
            else stages[^1].Item2.Add(line);
        }
        return stages;
    }
}
