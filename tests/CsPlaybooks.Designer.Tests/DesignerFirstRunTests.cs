using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>First run in the browser: no user exists; the setup link the host printed creates the first ops user, once.</summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerFirstRunTests(FirstRunDesignerHost host) : IClassFixture<FirstRunDesignerHost>
{
    [Fact]
    public async Task SetupLink_CreatesFirstOpsUserAndSignsIn_LinkThenSpent()
    {
        const string email = "first.ops@example.com";
        var page = await host.NewPageAsync(signedIn: false);

        // Before setup, the designer shows the sign-in screen and says where the way in is.
        await page.GotoAsync(host.BaseUrl + "/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign in", Exact = true })).ToBeVisibleAsync();
        await Expect(page.GetByText("Open the setup link the host printed in its console")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Sign in with Test IdP" })).ToBeVisibleAsync();
        await DesignerHost.AssertAccessibleAsync(page, "sign-in");
        await host.ScreenshotAsync(page, "auth-01-sign-in");

        // The link exactly as the host printed it.
        var link = host.SetupLink();
        Assert.StartsWith(host.BaseUrl + "/setup?token=", link);
        await page.GotoAsync(link);
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Set up CsPlaybooks" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Your email")).ToBeFocusedAsync();
        await DesignerHost.AssertAccessibleAsync(page, "setup");
        await host.ScreenshotAsync(page, "auth-02-setup");

        // A too-short password is refused beside its field; nothing is created.
        await page.GetByLabel("Your email").FillAsync(email);
        await page.GetByLabel("Your name (optional)").FillAsync("First Ops");
        await page.GetByLabel("Password").FillAsync("short");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create ops user and sign in" }).ClickAsync();
        await Expect(page.Locator("#password-error")).ToContainTextAsync("10");
        await Expect(page.GetByLabel("Password")).ToHaveAttributeAsync("aria-invalid", "true");
        Assert.Empty((await host.GetJsonAsync("/api/users"))["items"]!.AsArray());

        await page.GetByLabel("Password").FillAsync("first ops password 1");
        await page.GetByRole(AriaRole.Button, new() { Name = "Create ops user and sign in" }).ClickAsync();
        await Expect(page.GetByTestId("signed-in")).ToHaveTextAsync($"Signed in as {email} · ops");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Users", Exact = true })).ToBeVisibleAsync();
        Assert.Equal("/", new Uri(page.Url).AbsolutePath);

        var users = (await host.GetJsonAsync("/api/users"))["items"]!.AsArray();
        var user = Assert.Single(users)!;
        Assert.Equal((email, "ops", "First Ops"), ((string)user["email"]!, (string)user["role"]!, (string)user["displayName"]!));

        // The link is spent: a second visit says so and offers sign-in.
        var again = await host.NewPageAsync(signedIn: false);
        await again.GotoAsync(link);
        await Expect(again.GetByRole(AriaRole.Alert)).ToContainTextAsync("unknown, expired or already used");
    }
}
