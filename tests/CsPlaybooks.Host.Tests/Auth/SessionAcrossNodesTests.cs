using CsPlaybooks.Host.Tests.Support;
using CsPlaybooks.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CsPlaybooks.Host.Tests.Auth;

/// <summary>Two nodes on one PostgreSQL database: the key ring protecting sessions lives in the database, so a session started on one node is good on the other.</summary>
public sealed class SessionAcrossNodesTests(PostgresAuthHost fixture) : IClassFixture<PostgresAuthHost>
{
    [Fact]
    public async Task Session_StartedOnOneNode_AcceptedByAnother()
    {
        var browser = await fixture.SignedInOps();
        await using var second = new TestHost(fixture.Host.Database);
        var other = second.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        foreach (System.Net.Cookie cookie in browser.Cookies.GetCookies(browser.Client.BaseAddress!))
            other.DefaultRequestHeaders.Add("Cookie", $"{cookie.Name}={cookie.Value}");
        other.DefaultRequestHeaders.Add("X-CSRF-TOKEN", browser.Client.DefaultRequestHeaders.GetValues("X-CSRF-TOKEN").Single());

        var me = await other.GetJson("/api/me");
        Assert.Equal(AuthHostFixture.OpsEmail, (string)me["name"]!);
        await (await other.PutJson($"/api/csms/{Samples.NewId("csm")}", Tasks.TaskSamples.Csm("Across nodes", "high", []))).Expect(201);

        await using var db = fixture.Host.Services.GetRequiredService<PlaybooksDb>().Create();
        Assert.True(await db.DataProtectionKeys.AnyAsync());
    }
}
