using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CsPlaybooks.Host.Tests.Auth;

/// <summary>First run: no default password; the setup link the host prints creates the first ops user, once.</summary>
public abstract class FirstRunSetupTests(AuthHostFixture fixture)
{
    [Fact]
    public async Task Setup_LinkPrintedAtStart_CreatesFirstOpsUserOnceAndSignsIn()
    {
        var warning = fixture.Logs.Entries.Single(e => e.Level == LogLevel.Warning && e.Message.Contains("/setup?token="));
        Assert.Contains($"{AuthHostFixture.PublicBaseUrl}/setup?token=", warning.Message);
        var token = fixture.SetupToken();
        var browser = fixture.NewBrowser();
        Assert.True((bool)(await browser.Client.GetJson("/api/auth/providers"))["setupRequired"]!);
        await (await browser.Client.GetAsync($"/api/auth/setup?token={token}")).Expect(200);

        // A bad request changes nothing and leaves the link usable.
        var weak = await (await browser.Client.PostJson("/api/auth/setup", new { token, email = "lead@example.com", password = "short" })).Expect(400);
        Assert.NotNull(weak["errors"]!["password"]);

        var created = await (await browser.Client.PostJson("/api/auth/setup",
            new { token, email = "lead@example.com", password = "a long setup password", displayName = "Lead Ops" })).Expect(201);
        Assert.Equal("ops", (string)created["user"]!["role"]!);

        var me = await browser.Client.GetJson("/api/me");
        Assert.Equal("user", (string)me["kind"]!);
        Assert.Equal("ops", (string)me["role"]!);
        Assert.Equal("lead@example.com", (string)me["name"]!);
        Assert.True((bool)me["can"]!["manageAccess"]!);

        var again = await (await fixture.NewBrowser().Client.PostJson("/api/auth/setup",
            new { token, email = "intruder@example.com", password = "a long setup password" })).Expect(400);
        Assert.NotNull(again["errors"]!["token"]);
        await (await browser.Client.GetAsync($"/api/auth/setup?token={token}")).Expect(404);
        Assert.False((bool)(await browser.Client.GetJson("/api/auth/providers"))["setupRequired"]!);

        await using var db = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        Assert.Equal(["lead@example.com"], await db.Users.Select(u => u.Email!).ToListAsync());
        var link = await db.SignInLinks.SingleAsync(l => l.Purpose == "setup");
        Assert.DoesNotContain(token, link.Hash);
        Assert.NotNull(link.UsedAt);
    }

    [Fact]
    public async Task Setup_UnknownToken_400AndNoUser()
    {
        var problem = await (await fixture.NewBrowser().Client.PostJson("/api/auth/setup",
            new { token = "not-a-token", email = "x@example.com", password = "a long setup password" })).Expect(400);
        Assert.NotNull(problem["errors"]!["token"]);
        await using var db = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        Assert.False(await db.Users.AnyAsync(u => u.Email == "x@example.com"));
    }
}

public sealed class FirstRunSetupTests_Sqlite(SqliteFirstRunHost f) : FirstRunSetupTests(f), IClassFixture<SqliteFirstRunHost>;
public sealed class FirstRunSetupTests_Postgres(PostgresFirstRunHost f) : FirstRunSetupTests(f), IClassFixture<PostgresFirstRunHost>;
