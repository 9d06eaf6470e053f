using System.Text.RegularExpressions;
using CsPlaybooks.Designer.Tests.Support;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace CsPlaybooks.Designer.Tests;

/// <summary>
/// The router (issue 10 item 8): every screen opens at its address, signed in or after signing in; a filtered list's
/// state lives in the address (reload, back and forward restore it; bad values are dropped); an unknown address says so.
/// </summary>
[Collection(DesignerCollection.Name)]
public sealed class DesignerRoutingTests(DesignerHost host)
{
    private const string Playbook = "e2e-route-pb";
    private const string Account = "e2e-route-acme";

    private async Task SeedAsync()
    {
        await host.SendJsonAsync(HttpMethod.Put, $"/api/accounts/{Account}", new { name = "Route Acme", tier = "KA", stage = "growth", timeZone = "Europe/Berlin" });
        if ((await host.GetJsonAsync("/api/playbooks")).AsArray().All(p => (string)p!["id"]! != Playbook))
        {
            await host.SendJsonAsync(HttpMethod.Post, "/api/playbooks", Playbooks.WaitForOpened(Playbook, "Route playbook"));
            await host.SendJsonAsync(HttpMethod.Post, $"/api/playbooks/{Playbook}/publish", new { note = "v1" });
        }
    }

    private static ILocator Tab(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Playbook views" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private static ILocator Nav(IPage page, string name) =>
        page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    /// <summary>Each screen's address and what proves it opened.</summary>
    private static IEnumerable<(string Address, Func<IPage, Task> Opened)> Screens() =>
    [
        ("/#/", p => Expect(p.GetByRole(AriaRole.Heading, new() { Name = "Playbooks", Level = 1 })).ToBeVisibleAsync()),
        ("/#/new/e2e-route-new?name=Route%20new", p => Expect(p.GetByRole(AriaRole.Heading, new() { Name = "Route new" })).ToBeVisibleAsync()),
        ($"/#/p/{Playbook}", p => Expect(Tab(p, "Design")).ToHaveAttributeAsync("aria-current", "page")),
        ($"/#/p/{Playbook}/history", p => Expect(p.GetByTestId("versions")).ToContainTextAsync("v1")),
        ($"/#/p/{Playbook}/simulate", p => Expect(Tab(p, "Simulate")).ToHaveAttributeAsync("aria-current", "page")),
        ($"/#/p/{Playbook}/forecast", p => Expect(Tab(p, "Forecast")).ToHaveAttributeAsync("aria-current", "page")),
        ($"/#/p/{Playbook}/runtime?status=any", p => Expect(p.GetByTestId("runtime-status")).ToHaveValueAsync("any")),
        ("/#/accounts?q=e2e-route", p => Expect(p.GetByTestId("account-table")).ToContainTextAsync("Route Acme")),
        ($"/#/accounts/{Account}", p => Expect(p.GetByRole(AriaRole.Heading, new() { Name = "Route Acme" })).ToBeVisibleAsync()),
        ("/#/tasks?show=completed", p => Expect(p.GetByTestId("task-filter-completed")).ToBeCheckedAsync()),
        ("/#/emails?state=failed", p => Expect(p.GetByTestId("email-state")).ToHaveValueAsync("failed")),
        ("/#/emails/00000000-0000-0000-0000-000000000000", p => Expect(p.GetByTestId("email-view")).ToContainTextAsync("does not exist")),
        ("/#/users", p => Expect(p.GetByTestId("users-table")).ToBeVisibleAsync()),
        ("/#/keys", p => Expect(p.GetByTestId("create-key-form")).ToBeVisibleAsync()),
        ("/#/crm", p => Expect(p.GetByRole(AriaRole.Heading, new() { Name = "CRM sync" })).ToBeVisibleAsync()),
        ("/#/password", p => Expect(p.GetByRole(AriaRole.Heading, new() { Name = "Change your password" })).ToBeVisibleAsync()),
        ("/#/dashboard?tier=KA", p => Expect(p.Locator("#filter-tier")).ToHaveValueAsync("KA")),
    ];

    [Fact]
    public async Task EveryScreen_OpensAtItsAddress_SignedIn()
    {
        await SeedAsync();
        var page = await host.NewPageAsync();
        foreach (var (address, opened) in Screens())
        {
            await page.GotoAsync(host.BaseUrl + address);
            await opened(page);
            await Expect(page.GetByTestId("not-found")).ToHaveCountAsync(0);
        }
        // The current screen's nav item is marked, whatever its filters; the playbooks item also in the editor.
        await Expect(Nav(page, "Dashboard")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(Nav(page, "Playbooks")).Not.ToHaveAttributeAsync("aria-current", "page");
        await page.GotoAsync($"{host.BaseUrl}/#/p/{Playbook}/history");
        await Expect(Nav(page, "Playbooks")).ToHaveAttributeAsync("aria-current", "page");
        await Expect(page.Locator("[aria-current=page]").Filter(new() { HasText = "Dashboard" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task DeepLink_SignedOut_OpensTheScreenAfterSigningIn_AndSignInNextLeadsOn()
    {
        await SeedAsync();
        var page = await host.NewPageAsync(signedIn: false);
        await page.GotoAsync($"{host.BaseUrl}/#/accounts/{Account}");
        await page.GetByLabel("Email").FillAsync(DesignerHost.OpsEmail);
        await page.GetByLabel("Password").FillAsync(DesignerHost.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in", Exact = true }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Route Acme" })).ToBeVisibleAsync();
        Assert.EndsWith($"/#/accounts/{Account}", page.Url);

        // Back from single sign-on (/signin?next=…) with a session: on to the screen that asked, the path left behind.
        await page.GotoAsync($"{host.BaseUrl}/signin?next=%2Fp%2F{Playbook}%2Fhistory");
        await Expect(page.GetByTestId("versions")).ToContainTextAsync("v1");
        Assert.Equal($"{host.BaseUrl}/#/p/{Playbook}/history", page.Url);
    }

    [Fact]
    public async Task AccountsList_FiltersInTheAddress_SurviveReloadAndBackForward_BadValuesDropped()
    {
        string[] ka = ["e2e-listurl-1", "e2e-listurl-2", "e2e-listurl-3"];
        foreach (var id in ka) await host.SendJsonAsync(HttpMethod.Put, $"/api/accounts/{id}", new { name = "List URL " + id[^1], tier = "KA", stage = "growth", timeZone = "UTC" });
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-listurl-4", new { name = "List URL 4", tier = "micro", stage = "growth", timeZone = "UTC" });
        await host.SendJsonAsync(HttpMethod.Put, "/api/accounts/e2e-listurl-5", new { name = "List URL 5", tier = "micro", stage = "renewal", industry = "e2e-industry", timeZone = "UTC" });

        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/accounts");
        var count = page.GetByTestId("account-count");
        await page.GetByTestId("account-filter").FillAsync("e2e-listurl");
        await Expect(page).ToHaveURLAsync(new Regex(@"#/accounts\?q=e2e-listurl$"));
        await Expect(count).ToHaveTextAsync("1–5 of 5");
        await page.GetByTestId("account-tier").SelectOptionAsync("KA");
        await page.GetByTestId("account-sort").SelectOptionAsync("-name");
        await Expect(page).ToHaveURLAsync(new Regex(@"#/accounts\?q=e2e-listurl&tier=KA&sort=-name$"));
        await Expect(count).ToHaveTextAsync("1–3 of 3");
        var firstRow = page.GetByTestId("account-table").GetByRole(AriaRole.Row).Nth(1);
        await Expect(firstRow).ToContainTextAsync("List URL 3");

        await page.ReloadAsync();
        await Expect(count).ToHaveTextAsync("1–3 of 3");
        await Expect(page.GetByTestId("account-filter")).ToHaveValueAsync("e2e-listurl");
        await Expect(page.GetByTestId("account-tier")).ToHaveValueAsync("KA");
        await Expect(firstRow).ToContainTextAsync("List URL 3");

        await page.GoBackAsync(); // before the sort
        await Expect(page).ToHaveURLAsync(new Regex(@"#/accounts\?q=e2e-listurl&tier=KA$"));
        await Expect(firstRow).ToContainTextAsync("List URL 1");
        await page.GoBackAsync(); // before the tier
        await Expect(count).ToHaveTextAsync("1–5 of 5");
        await Expect(page.GetByTestId("account-tier")).ToHaveValueAsync("");
        await page.GoForwardAsync();
        await Expect(count).ToHaveTextAsync("1–3 of 3");
        await Expect(page.GetByTestId("account-tier")).ToHaveValueAsync("KA");

        // A shared link with bad values opens the list without them instead of failing.
        await page.GotoAsync($"{host.BaseUrl}/#/accounts?q=e2e-listurl&tier=gold&healthBand=purple&sort=drop&skip=-1");
        await Expect(count).ToHaveTextAsync("1–5 of 5");
        await Expect(page.GetByTestId("account-tier")).ToHaveValueAsync("");

        // Stage and industry narrow on the server too, and go into the address.
        await page.GetByTestId("account-stage").SelectOptionAsync("renewal");
        await Expect(page).ToHaveURLAsync(new Regex(@"#/accounts\?q=e2e-listurl&stage=renewal$"));
        await Expect(count).ToHaveTextAsync("1–1 of 1");
        await page.GetByTestId("account-stage").SelectOptionAsync("");
        await page.GetByTestId("account-industry").SelectOptionAsync("e2e-industry");
        await Expect(count).ToHaveTextAsync("1–1 of 1");
        await Expect(page.GetByTestId("account-table")).ToContainTextAsync("List URL 5");
        await host.ScreenshotAsync(page, "routing-accounts-filtered");
    }

    [Fact]
    public async Task UnknownAddress_SaysSo_LinksHome_Accessible()
    {
        var page = await host.NewPageAsync();
        await page.GotoAsync($"{host.BaseUrl}/#/no-such-screen?x=1");
        var notFound = page.GetByTestId("not-found");
        await Expect(notFound.GetByRole(AriaRole.Heading, new() { Name = "Page not found" })).ToBeVisibleAsync();
        await Expect(notFound).ToContainTextAsync("/no-such-screen");
        await DesignerHost.AssertAccessibleAsync(page, "not-found");
        await host.ScreenshotAsync(page, "routing-not-found");

        await page.GotoAsync($"{host.BaseUrl}/#/accounts/{Account}/extra");
        await Expect(notFound).ToBeVisibleAsync();
        await notFound.GetByRole(AriaRole.Link, new() { Name = "Go to the playbooks" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Playbooks", Level = 1 })).ToBeVisibleAsync();
        Assert.Equal($"{host.BaseUrl}/#/", page.Url);
    }
}
