using System.Text.RegularExpressions;

namespace CsPlaybooks.Host.Tests.Deployment;

/// <summary>What <c>dotnet publish</c> of the host produces (the image's build stage publishes the same way, with the designer already built).</summary>
public sealed partial class PublishTests
{
    [Fact]
    public async Task Publish_Host_OutputServesTheDesigner()
    {
        var root = Command.RepositoryRoot();
        var output = Directory.CreateTempSubdirectory("csplaybooks-publish-").FullName;
        try
        {
            var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}") ? "Release" : "Debug";
            var publish = await Command.RunAsync("dotnet",
                ["publish", "src/CsPlaybooks.Host/CsPlaybooks.Host.csproj", "-c", configuration, "--no-build", "-o", output, "-nologo", "-v", "quiet", "-nodeReuse:false", "-p:SkipDesignerBuild=true"],
                root, timeoutSeconds: 300);
            Assert.True(publish.ExitCode == 0, publish.Output);

            Assert.True(File.Exists(Path.Combine(output, "CsPlaybooks.Host.dll")));
            var index = Path.Combine(output, "wwwroot", "index.html");
            Assert.True(File.Exists(index), "the published output has no wwwroot/index.html: build the designer first (test.sh and the Dockerfile do)");
            var assets = AssetReference().Matches(File.ReadAllText(index)).Select(m => m.Groups[1].Value).ToList();
            Assert.Contains(assets, a => a.EndsWith(".js", StringComparison.Ordinal));
            foreach (var asset in assets) Assert.True(File.Exists(Path.Combine(output, "wwwroot", asset.TrimStart('/'))), $"{asset} is referenced by index.html but not published");
        }
        finally
        {
            Directory.Delete(output, recursive: true);
        }
    }

    [GeneratedRegex("(?:src|href)=\"(/assets/[^\"]+)\"")]
    private static partial Regex AssetReference();
}
