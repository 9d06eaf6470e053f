using CsPlaybooks.Host.Tests.Support;

namespace CsPlaybooks.Host.Tests.Hosting;

/// <summary>Browser-facing headers on every kind of response, and what the integration role may not do.</summary>
public sealed class SecurityHeadersAndRolesTests(SqliteHost fixture) : IClassFixture<SqliteHost>
{
    [Theory]
    [InlineData("/api/playbooks", 200)]
    [InlineData("/api/playbooks/no-such-playbook", 404)]
    [InlineData("/health/live", 200)]
    [InlineData("/unsubscribe/not-a-token", 400)]
    public async Task Responses_CarryCspNoSniffNoFramingNoReferrer(string path, int status)
    {
        var response = await fixture.Host.Client().GetAsync(path);
        Assert.Equal(status, (int)response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("frame-ancestors 'none'", csp);
        Assert.Contains("script-src 'self';", csp);
        Assert.Contains("object-src 'none'", csp);
        Assert.Equal("nosniff", Assert.Single(response.Headers.GetValues("X-Content-Type-Options")));
        Assert.Equal("DENY", Assert.Single(response.Headers.GetValues("X-Frame-Options")));
        Assert.Equal("no-referrer", Assert.Single(response.Headers.GetValues("Referrer-Policy")));
    }

    [Fact]
    public async Task ApiReference_MayRunItsInlineStartScript_ButNotBeFramed()
    {
        var response = await fixture.Host.CreateClient().GetAsync("/api/docs/");
        Assert.Equal(200, (int)response.StatusCode);
        var csp = Assert.Single(response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' 'unsafe-inline'", csp);
        Assert.Contains("frame-ancestors 'none'", csp);
    }

    [Fact]
    public async Task DeleteAccount_IntegrationForbidden_OpsAllowed()
    {
        var id = Samples.NewId("acct");
        await Samples.CreateAccount(fixture.Host.Client(TestHost.IntegrationKey), Samples.Account(id));

        var forbidden = await (await fixture.Host.Client(TestHost.IntegrationKey).DeleteAsync($"/api/accounts/{id}")).Expect(403);
        Assert.Contains("integration", (string)forbidden["detail"]!);
        await fixture.Host.Client().GetJson($"/api/accounts/{id}");
        await (await fixture.Host.Client(TestHost.ViewerKey).DeleteAsync($"/api/accounts/{id}")).Expect(403);

        await (await fixture.Host.Client().DeleteAsync($"/api/accounts/{id}")).Expect(204);
        await (await fixture.Host.Client().GetAsync($"/api/accounts/{id}")).Expect(404);
    }
}
