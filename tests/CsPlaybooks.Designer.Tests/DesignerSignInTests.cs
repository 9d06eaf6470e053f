using System.Net;
using System.Text.RegularExpressions;
using CsPlaybooks.Designer.Tests.Support;
using CsPlaybooks.TestIdp;
using Microsoft.Playwright;
using MimeKit;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>Signing in and out, passwords, single sign-on, antiforgery and the CSP, in the browser.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerSignInTests(DesignerHost host)
{
    private static async Task SignInWithFormAsync(IPage page, string email, string password)
    {
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByLabel("Password").FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
    }

    [Fact]
    public async Task SignOut_EndsEverySessionOfThePerson_AfterAPasswordChange()
    {
        var email = await host.CreateUserAsync("viewer");
        var page = await host.NewPageAsync(signedIn: false);
        var otherBrowser = await host.NewPageAsync(signedIn: false);
        await host.SignInAsync(otherBrowser.Context, email, DesignerHost.Password);
        await otherBrowser.GotoAsync(host.BaseUrl + "/");
        await Expect(otherBrowser.GetByTestId("signed-in")).ToBeVisibleAsync();
        await page.GotoAsync(host.BaseUrl + "/#/password");
        await SignInWithFormAsync(page, email, DesignerHost.Password);

        // Signing in keeps the address: the screen asked for opens.
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync();
        await DesignerHost.AssertAccessibleAsync(page, "change password");
        await page.GetByLabel("Current password").FillAsync("not my password");
        await page.GetByLabel("New password").FillAsync("a new password 123");
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.Locator("#current-password-error")).ToBeVisibleAsync();
        await page.GetByLabel("Current password").FillAsync(DesignerHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(page.GetByTestId("toast")).ToContainTextAsync("Password changed");
        // The other browser's session ended with the change; this one goes on.
        Assert.Equal(401, (await PageFetch.SendAsync(otherBrowser, "GET", "/api/me")).Status);
        Assert.Equal(200, (await PageFetch.SendAsync(page, "GET", "/api/me")).Status);

        await page.GetByTestId("sign-out").ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("You are signed out.")).ToBeVisibleAsync();
        Assert.Equal(401, (await PageFetch.SendAsync(page, "GET", "/api/me")).Status);
        await page.ReloadAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();

        await SignInWithFormAsync(page, email, DesignerHost.Password);
        await Expect(page.GetByTestId("form-error")).ToContainTextAsync("The email or password is wrong");
        await SignInWithFormAsync(page, email, "a new password 123");
        await Expect(page.GetByTestId("signed-in")).ToHaveTextAsync($"Signed in as {email} · viewer");
    }

    [Fact]
    public async Task PasswordReset_LinkFromThePickupEmail_SetsANewPassword()
    {
        var email = await host.CreateUserAsync("viewer");
        var page = await host.NewPageAsync(signedIn: false);
        await page.GotoAsync(host.BaseUrl + "/");
        await page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Reset your password" })).ToBeVisibleAsync();
        await DesignerHost.AssertAccessibleAsync(page, "forgot password");
        await page.GetByLabel("Email").FillAsync(email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Send reset link" }).ClickAsync();
        await Expect(page.GetByTestId("reset-sent")).ToContainTextAsync(email);

        // No SMTP is configured: the email is an .eml file in the pickup folder, like every email.
        var message = Directory.GetFiles(host.PickupDirectory, "*.eml").Select(f => MimeMessage.Load(f))
            .Single(m => m.To.Mailboxes.Any(a => a.Address == email) && (m.TextBody ?? "").Contains("/reset-password?token="));
        var link = Regex.Match(message.TextBody!, @"http\S+/reset-password\?token=[A-Za-z0-9_-]+").Value;
        Assert.StartsWith(host.BaseUrl, link);

        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Choose a new password" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Email")).ToHaveValueAsync(email);
        await DesignerHost.AssertAccessibleAsync(page, "reset password");
        await page.GetByLabel("New password", new() { Exact = true }).FillAsync("reset password 4567");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set new password" }).ClickAsync();
        await Expect(page.GetByTestId("reset-done")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in" }).ClickAsync();
        await SignInWithFormAsync(page, email, "reset password 4567");
        await Expect(page.GetByTestId("signed-in")).ToHaveTextAsync($"Signed in as {email} · viewer");
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("already used");
    }

    [Fact]
    public async Task SingleSignOn_TestIdp_RoleFromGroupsClaim_NoMappedGroupRefusedWithAdvice()
    {
        var email = $"sso-{Guid.NewGuid():N}"[..12] + "@example.com";
        host.Idp.User = new TestIdpUser("sub-" + Guid.NewGuid().ToString("N"), email, "Olga Ops", ["everyone", "cs-ops"]);
        var before = host.Idp.Authorizations;
        var page = await host.NewPageAsync(signedIn: false);
        await page.GotoAsync(host.BaseUrl + "/#/keys");
        // The first flow warms the provider up (OpenIddict's first authorization takes seconds on a busy machine).
        await page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Test IdP" }).ClickAsync(new() { Timeout = 60_000 });

        // Back from the provider, signed in with the role its groups claim maps to, on the screen asked for.
        await Expect(page.GetByTestId("signed-in")).ToContainTextAsync("· ops", new() { Timeout = 60_000 });
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API keys" })).ToBeVisibleAsync();
        Assert.Equal(before + 1, host.Idp.Authorizations);
        var user = await host.UserAsync(email);
        Assert.Equal("ops", (string)user["role"]!);
        Assert.Equal(["oidc"], user["signInWith"]!.AsArray().Select(p => (string)p!));

        host.Idp.User = new TestIdpUser("sub-" + Guid.NewGuid().ToString("N"), "stranger@example.com", "Stranger", ["marketing"]);
        var refused = await host.NewPageAsync(signedIn: false);
        await refused.GotoAsync(host.BaseUrl + "/");
        await refused.GetByRole(AriaRole.Link, new() { Name = "Sign in with Test IdP" }).ClickAsync();
        await Expect(refused.GetByTestId("sso-error")).ToContainTextAsync("none of your groups gives you a role");
        Assert.Equal("/signin", new Uri(refused.Url).AbsolutePath);
        await DesignerHost.AssertAccessibleAsync(refused, "sign-in after a refused single sign-on");
        Assert.Equal(401, (await PageFetch.SendAsync(refused, "GET", "/api/me")).Status);
    }

    [Fact]
    public async Task StateChangingRequest_WithoutAntiforgeryToken_RejectedAndNothingChanged()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync(host.BaseUrl + "/");
        await Expect(page.GetByTestId("signed-in")).ToBeVisibleAsync();

        var forged = await PageFetch.SendAsync(page, "POST", "/api/playbooks", Playbooks.WaitForOpened("e2e-csrf"), withToken: false);
        Assert.Equal(400, forged.Status);
        Assert.Contains("X-CSRF-TOKEN", forged.Body);
        Assert.Equal(HttpStatusCode.NotFound, (await host.Api.GetAsync("/api/playbooks/e2e-csrf")).StatusCode);

        var genuine = await PageFetch.SendAsync(page, "POST", "/api/playbooks", Playbooks.WaitForOpened("e2e-csrf"));
        Assert.Equal(201, genuine.Status);
    }

    [Fact]
    public async Task Designer_ServedWithStrictContentSecurityPolicy_AndRunsUnderIt()
    {
        foreach (var path in new[] { "/", "/signin", "/setup?token=x" })
        {
            var response = await host.Api.GetAsync(path);
            var policy = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
            Assert.Contains("script-src 'self';", policy);
            Assert.Contains("frame-ancestors 'none'", policy);
            Assert.Contains("<div id=\"root\">", await response.Content.ReadAsStringAsync());
        }
        var page = await host.NewPageAsync();
        var violations = new List<string>();
        page.Console += (_, m) => { if (m.Text.Contains("Content Security Policy")) violations.Add(m.Text); };
        await page.GotoAsync(host.BaseUrl + "/#/keys");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "API keys" })).ToBeVisibleAsync();
        await page.GotoAsync(host.BaseUrl + "/#/p/e2e-csp-absent");
        await Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("There is no playbook");
        Assert.Empty(violations);
    }
}
