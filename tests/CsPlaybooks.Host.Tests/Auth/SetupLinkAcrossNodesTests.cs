using System.Text.RegularExpressions;
using CsPlaybooks.Host.Auth;
using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using CsPlaybooks.Infrastructure.Startup;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CsPlaybooks.Host.Tests.Auth;

/// <summary>
/// Only the newest setup link works: nodes starting together on one database (each with its own start-up lock, as
/// separate processes have) leave exactly one live link, so they cannot create two first ops users.
/// </summary>
public sealed class SetupLinkAcrossNodesTests(PostgresSetupLinkHost fixture) : IClassFixture<PostgresSetupLinkHost>
{
    private IEnumerable<string> LoggedTokens() => fixture.Logs.Entries.Where(e => e.Level == LogLevel.Warning)
        .Select(e => Regex.Match(e.Message, @"/setup\?token=([A-Za-z0-9_-]+)")).Where(m => m.Success).Select(m => m.Groups[1].Value);

    [Fact]
    public async Task FirstRun_TwoNodesStartTogether_OneLiveLinkAndOneFirstOpsUser()
    {
        var services = fixture.Host.Services;
        var db = services.GetRequiredService<PlaybooksDb>();
        FirstRunSetup Node() => new(db, services.GetRequiredService<SignInLinks>(), new StartupLock(db),
            services.GetRequiredService<IOptions<PeopleOptions>>(), services.GetRequiredService<ILogger<FirstRunSetup>>());
        var printedAtStart = LoggedTokens().Single();

        await Task.WhenAll(Node().StartAsync(CancellationToken.None), Node().StartAsync(CancellationToken.None));

        var tokens = LoggedTokens().ToList();
        Assert.Equal(3, tokens.Distinct().Count());
        var live = new List<string>();
        foreach (var token in tokens)
            if ((await fixture.NewBrowser().Client.GetAsync($"/api/auth/setup?token={token}")).IsSuccessStatusCode) live.Add(token);
        var newest = Assert.Single(live);
        Assert.NotEqual(printedAtStart, newest);

        foreach (var (token, i) in tokens.Select((t, i) => (t, i)))
        {
            var answer = await fixture.NewBrowser().Client.PostJson("/api/auth/setup", new { token, email = $"first{i}@example.com", password = "a long setup password" });
            await answer.Expect(token == newest ? 201 : 400);
        }
        var users = (await fixture.Host.Client().GetJson("/api/users"))["items"]!.AsArray();
        Assert.Equal("ops", (string)Assert.Single(users)!["role"]!);
    }

    [Fact]
    public async Task OpenApi_DeclaresTheSessionCookieBesideTheApiKey()
    {
        var doc = await fixture.NewBrowser().Client.GetJson("/openapi/v1.json");
        var session = doc["components"]!["securitySchemes"]!["Session"]!;
        Assert.Equal(("apiKey", "cookie", "csp.session"), ((string)session["type"]!, (string)session["in"]!, (string)session["name"]!));
        Assert.NotNull(doc["components"]!["securitySchemes"]!["ApiKey"]);
        var alternatives = doc["security"]!.AsArray().Select(r => r!.AsObject().Single().Key).ToList();
        Assert.Equal(["ApiKey", "Session"], alternatives);
    }
}

/// <summary>The local plaintext key file is opt-in: with no key configured and no setting, none is written.</summary>
public sealed class LocalKeyFileTests
{
    [Fact]
    public void NoKeysConfigured_ByDefault_NoLocalKeyFile()
    {
        var root = Directory.CreateTempSubdirectory("csplaybooks-localkey-").FullName;
        try
        {
            var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = root };
            var registry = new ApiKeyRegistry(Options.Create(new ApiKeyOptions()), environment, new LoggerFactory().CreateLogger<ApiKeyRegistry>());

            Assert.Null(registry.LocalKeyPath);
            Assert.Empty(registry.Configured);
            Assert.Empty(Directory.GetFileSystemEntries(root, "*", SearchOption.AllDirectories));

            var optedIn = new ApiKeyRegistry(Options.Create(new ApiKeyOptions { LocalKeyFile = "data/local-api-key.txt" }), environment, new LoggerFactory().CreateLogger<ApiKeyRegistry>());
            Assert.True(File.Exists(Path.Combine(root, "data", "local-api-key.txt")));
            Assert.Equal("ops", Assert.Single(optedIn.Configured).Role);
        }
        finally { Directory.Delete(root, true); }
    }
}

public sealed class PostgresSetupLinkHost : AuthHostFixture
{
    public override Db Kind => Db.Postgres;
    protected override bool CreateOpsUser => false;
}
